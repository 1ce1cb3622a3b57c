"""The app's own error message: Streamlit's generic error box never reaches a user.

Streamlit's box for an uncaught exception links to outside search and chat services, even with
``client.showErrorDetails = "none"``: in a government tool, often offline, that is a link out of the app at the
worst moment. So failures are caught where they happen and shown in our words, in the UI language:

- loading the data (ui/data.py): the last good data stays on screen with the problem listed;
- the shell and the sidebar (ui/shell.py), the page itself and the deferred filters (app.py);
- widget callbacks: :func:`guarded` keeps the run going and the page drawn;
- anything else that still escapes a run (a callback of a module that is not guarded, say) reaches
  :func:`install_error_page`'s replacement of Streamlit's display function, which shows the same message.

The traceback goes to the server's log (logger ``c2c``), never to the page.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from c2c.text import i18n

LOG = logging.getLogger("c2c")
_FAILED = "_c2c_callback_failed"  # a guarded callback failed: the next drawing of the shell says so

_F = TypeVar("_F", bound=Callable[..., Any])


def ui_lang() -> str:
    """The session's UI language, as far as it can be known while something is failing."""
    try:
        lang = st.session_state.get("lang") or i18n.DEFAULT_LANG
    except Exception:  # no session (a bare run): the default
        return i18n.DEFAULT_LANG
    return lang if lang in i18n.LANGS else i18n.DEFAULT_LANG


def show_unexpected_error(where: Any = None, lang: str | None = None) -> None:
    """Our message for a failure of ours: no traceback, no outside link."""
    (where or st).error(i18n.t("unexpected_error", lang or ui_lang()), icon=":material/error:")


def report(what: str, where: Any = None, lang: str | None = None) -> None:
    """Log the exception being handled and show our message (call from an ``except`` block)."""
    LOG.exception(what)
    try:
        show_unexpected_error(where, lang)
    except Exception:  # drawing the message must not replace the original failure
        LOG.exception("showing the error message failed")


def guarded(callback: _F) -> _F:
    """A widget callback whose failure is logged and shown as our message, while the run goes on to draw the
    page (an exception escaping a callback would stop the run before any page is drawn)."""
    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except Exception:
            LOG.exception("callback %s failed", getattr(callback, "__name__", callback))
            st.session_state[_FAILED] = True
            return None
    return run  # type: ignore[return-value]


def show_callback_failure(lang: str) -> None:
    """Called by the shell: the message for a guarded callback that failed before this run."""
    if st.session_state.pop(_FAILED, False):
        show_unexpected_error(lang=lang)


def _show_uncaught(ex: BaseException) -> None:
    """Replaces streamlit.error_util.show_uncaught_app_exception: Streamlit has already logged ``ex``."""
    try:
        from streamlit.delta_generator_singletons import get_dg_singleton_instance

        show_unexpected_error(get_dg_singleton_instance().main_dg)
    except Exception:
        LOG.exception("showing the error message failed")


def install_error_page() -> None:
    """Route every exception that escapes a script run to our message (idempotent; app.py calls it each run).

    ``handle_user_script_exception`` (streamlit/error_util.py, 1.67) looks ``show_uncaught_app_exception`` up in
    its module when an exception escapes, so replacing that one name covers the script, its callbacks and its
    fragments; tests/pages/test_broken_data_app.py checks that it still does on the pinned version."""
    from streamlit import error_util

    error_util.show_uncaught_app_exception = _show_uncaught
