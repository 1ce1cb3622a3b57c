"""UI strings live in c2c/text/strings/<lang>/*.json: the same keys in both languages, each used somewhere."""

from __future__ import annotations

import json
import re

import pytest

from c2c.text import i18n
from tests.conftest import REPO_ROOT


def keys_of(lang: str) -> set[str]:
    keys: set[str] = set()
    for path in (i18n.STRINGS_DIR / lang).glob("*.json"):
        keys |= set(json.loads(path.read_text(encoding="utf-8")))
    return keys


def test_both_languages_define_the_same_keys() -> None:
    assert keys_of("ja") == keys_of("en")
    assert all(set(entry) == set(i18n.LANGS) for entry in i18n.STRINGS.values())


def test_placeholders_match_between_languages() -> None:
    for key, entry in i18n.STRINGS.items():
        fields = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
        assert fields["ja"] == fields["en"], key


def test_a_key_defined_twice_is_refused(tmp_path, monkeypatch) -> None:
    for lang in i18n.LANGS:
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "a.json").write_text('{"k": "x"}', encoding="utf-8")
        (tmp_path / lang / "b.json").write_text('{"k": "y"}', encoding="utf-8")
    monkeypatch.setattr(i18n, "STRINGS_DIR", tmp_path)
    with pytest.raises(ValueError, match="'k' is already defined"):
        i18n._load_strings()


def test_every_key_is_used() -> None:
    """Keys are used as literals, or built from a prefix the code names (evidence_<level>, status_<...>)."""
    code = "".join(p.read_text(encoding="utf-8") for folder in ("c2c", "ui", "pages", "static/js")
                   for p in (REPO_ROOT / folder).rglob("*") if p.suffix in (".py", ".js"))
    code += (REPO_ROOT / "app.py").read_text(encoding="utf-8")
    dynamic = ("evidence_",)
    def used(key: str) -> bool:
        return f'"{key}"' in code or f"'{key}'" in code or key.startswith(dynamic)

    # i18n.tn builds "<key>_one" from the key it is given
    unused = [key for key in i18n.STRINGS if not used(key) and not (key.endswith("_one") and used(key[:-4]))]
    assert unused == []


def test_a_count_of_one_takes_the_singular_string_in_both_languages():
    """Issue #19, item 4: ``tn`` picks ``key_one`` for 1; every ``_one`` string has its plural, in both languages."""
    assert i18n.tn("metric_jp", "en", 1) == "Japanese municipality"
    assert i18n.tn("metric_jp", "en", 2) == "Japanese municipalities"
    assert i18n.tn("metric_jp", "ja", 1) == i18n.tn("metric_jp", "ja", 2) == "日本の自治体"
    assert i18n.tn("undated_left_out", "en", 1).startswith("1 undated pair known")
    for key in i18n.STRINGS:
        if key.endswith("_one"):
            assert i18n.has(key[: -len("_one")]), key
