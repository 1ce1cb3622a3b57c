"""Raw-file downloads serve only the data directory's own regular files, within the limit, read on click
(issue #14, item 4); one loaded dataset is kept (item 6)."""

from __future__ import annotations

import gc
import os
import shutil
import weakref

from c2c.core import csvio
from tests.conftest import SHIPPED_DATA
from tests.pages.conftest import run_app


def _copy(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA, data, ignore=shutil.ignore_patterns("*.md"))
    return data


def raw_buttons(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button") if b.proto.label.endswith(".csv")]


def test_a_symlinked_data_file_is_not_served(tmp_path, monkeypatch):
    data = _copy(tmp_path)
    outside = tmp_path / "outside.csv"
    shutil.move(data / "fiscal_years.csv", outside)  # a valid file, but outside the data folder
    (data / "fiscal_years.csv").symlink_to(outside)
    monkeypatch.setenv("C2C_DATA_DIR", str(data))
    at = run_app(page="pages/sources.py")
    at.run()
    assert "fiscal_years.csv" not in raw_buttons(at)
    assert "cities.csv" in raw_buttons(at)
    assert any("fiscal_years.csv" in c.value for c in at.caption)


def test_raw_files_are_not_read_while_the_page_runs(tmp_path, monkeypatch):
    data = _copy(tmp_path)
    monkeypatch.setenv("C2C_DATA_DIR", str(data))
    at = run_app(page="pages/sources.py")  # load the data first
    reads = []
    real = type(data).read_bytes
    monkeypatch.setattr(type(data), "read_bytes", lambda self: reads.append(self.name) or real(self))
    at.run()
    assert "projects.csv" in raw_buttons(at)
    assert reads == []


def test_raw_download_refuses_links_specials_and_large_files(tmp_path, monkeypatch):
    from ui.downloads import raw_file_download

    regular = tmp_path / "a.csv"
    regular.write_bytes(b"x,y\n1,2\n")
    data, why = raw_file_download(regular)
    assert why == "" and data() == b"x,y\n1,2\n"
    link = tmp_path / "b.csv"
    link.symlink_to("/etc/passwd")
    assert raw_file_download(link) == (None, "raw_reason_link")
    fifo = tmp_path / "c.csv"
    os.mkfifo(fifo)
    assert raw_file_download(fifo) == (None, "raw_reason_special")
    monkeypatch.setattr(csvio, "MAX_FILE_BYTES", 4)
    assert raw_file_download(regular) == (None, "raw_reason_large")


def test_a_save_releases_the_previously_loaded_dataset(tmp_path, monkeypatch):
    from ui.data import load_app_dataset

    data = _copy(tmp_path)
    monkeypatch.setenv("C2C_DATA_DIR", str(data))
    first = load_app_dataset().dataset
    ref = weakref.ref(first)
    del first
    for _ in range(3):  # three saves, each with a new signature
        with open(data / "countries.csv", "a", encoding="utf-8") as handle:
            handle.write("\n")
        assert load_app_dataset().dataset is not None
    gc.collect()
    assert ref() is None


def test_a_download_button_does_not_keep_an_old_dataset_alive(tmp_path, monkeypatch):
    """Streamlit keeps a button's callable for the life of its session: it must not hold the Dataset."""
    from c2c.core.selection import Selection
    from ui.data import load_app_dataset
    from ui.downloads import export_callable

    data = _copy(tmp_path)
    monkeypatch.setenv("C2C_DATA_DIR", str(data))
    first = load_app_dataset().dataset
    generate = export_callable(first, Selection(), "en", "csv")
    ref = weakref.ref(first)
    del first
    with open(data / "countries.csv", "a", encoding="utf-8") as handle:
        handle.write("\n")  # a save: the next load replaces the dataset
    assert load_app_dataset().dataset is not None
    gc.collect()
    assert ref() is None
    assert generate().startswith(b"\xef\xbb\xbf") or b"," in generate()  # still exports, from the current data
