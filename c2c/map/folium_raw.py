"""folium/branca elements whose rendered text is never compiled as a Jinja template again.

branca's ``Element(text)`` treats ``text`` as a Jinja template, and ``MacroElement.render`` wraps each macro's
output (header, html, script) in such an Element. So every rendered script is compiled a second time on every
render: on each Streamlit rerun that was most of ``st_folium``'s server time (about 20 compilations of the
constant base map), a whole GeoJSON payload in the standalone export took ~0.1 s per MB, and data text such as
``{{ 7*7 }}`` in a place name would be evaluated as template code (htmlsafe.esc encodes braces as a second guard).
"""

from __future__ import annotations

from branca.element import Element, Figure, MacroElement


class RawElement(Element):
    """Ready-made HTML or JS, rendered as is."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "RawElement"
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class PrerenderedMacroElement(MacroElement):
    """A MacroElement that adds its rendered header/html/script to the figure as :class:`RawElement`.

    Same result as ``MacroElement.render`` (same parts, same names, children rendered after), minus the second
    template compilation.
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} can only be rendered inside a Figure")
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(RawElement(macro(self, kwargs)), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)
