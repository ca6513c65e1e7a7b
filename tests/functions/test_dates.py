"""Sprig date functions: snippets.json (sprig-dates), Sprig's date_test.go and
Go's time package behaviour (layouts, Parse errors, ParseDuration, Duration.String)."""

from __future__ import annotations

import re

import pytest

from chartlsp.functions import dates
from chartlsp.functions.registry import REGISTRY
from chartlsp.gotemplate.gotypes import GoError, GoInt, Int64

RFC3339 = "2006-01-02T15:04:05Z07:00"


def call(name, *args):
    return REGISTRY[name].fn(*args)


@pytest.fixture(autouse=True)
def local_zone(monkeypatch):
    """Go reads the local zone once; tests pin it to UTC unless they set TZ themselves."""
    monkeypatch.setenv("TZ", "UTC")
    dates.local_location.cache_clear()
    yield
    dates.local_location.cache_clear()


def to_date(layout, value):
    return call("toDate", layout, value)


# ------------------------------------------------------------ snippets.json

def test_snippets():
    assert call("date", "Jan 2, 2006", to_date("2006-01-02", "2024-03-05")) == "Mar 5, 2024"
    assert call("dateInZone", RFC3339, to_date(RFC3339, "2024-03-05T22:00:00Z"), "Asia/Tokyo") == "2024-03-06T07:00:00+09:00"
    assert call("unixEpoch", to_date(RFC3339, "2024-01-01T00:00:00Z")) == "1704067200"
    assert call("dateInZone", "2006-01-02", 0, "UTC") == "1970-01-01"
    assert call("dateInZone", "2006-01-02 15:04", Int64(1700000000), "UTC") == "2023-11-14 22:13"
    modified = call("dateModify", "-90m", to_date(RFC3339, "2024-03-05T10:00:00Z"))
    assert call("dateInZone", "15:04", modified, "UTC") == "08:30"
    assert [call("duration", v) for v in ("90", "3661", 90, 120.0)] == ["1m30s", "1h1m1s", "0s", "0s"]
    assert [call("durationRound", v) for v in ("2h10m5s", "400h", "35d")] == ["2h", "16d", "0s"]
    assert len(call("date", "2006", call("now"))) == 4 and call("now").go_type == "time.Time"
    assert call("htmlDate", to_date("2006-01-02", "2024-03-05")) == "2024-03-05"
    assert call("htmlDateInZone", to_date(RFC3339, "2024-03-05T23:30:00Z"), "Asia/Tokyo") == "2024-03-06"
    assert call("date_in_zone", "2006", to_date(RFC3339, "2020-06-01T00:00:00Z"), "UTC") == "2020"
    assert call("date", "2006-01-02", call("date_modify", "24h", to_date("2006-01-02", "2020-02-28"))) == "2020-02-29"
    assert call("date", "2006", 0.0) != "1970"  # a YAML float64 epoch means "now"
    assert call("ago", to_date("2006-01-02", "2020-01-01")).endswith("s")
    assert call("date", "2006-01-02", call("must_date_modify", "-24h", to_date("2006-01-02", "2020-03-01"))) == "2020-02-29"


@pytest.mark.parametrize("name,args,message", [
    ("mustDateModify", ("bogus", None), 'time: invalid duration "bogus"'),
    ("mustToDate", ("2006-01-02", "nope"), 'parsing time "nope" as "2006-01-02": cannot parse "nope" as "2006"'),
])
def test_snippet_errors(name, args, message):
    if args[1] is None:
        args = (args[0], to_date("2006-01-02", "2024-01-01"))
    with pytest.raises(GoError) as e:
        call(name, *args)
    assert str(e.value) == message


# ------------------------------------------------------------ date_test.go

def test_sprig_date_tests():
    assert call("date", "02/01/2006", to_date("2006-01-02", "2017-12-31")) == "31/12/2017"
    tm = dates.parse_time("02 Jan 06 15:04:05 MST", "13 Jun 19 20:39:39 GMT", dates.UTC, dates.local_location())
    assert call("unixEpoch", tm) == "1560458379"
    layout = "02 Jan 06 15:04 -0700"
    for value in (tm, Int64(1560458379), GoInt(1560458379, "int32"), 1560458379):
        assert call("date_in_zone", layout, value, "UTC") == "13 Jun 19 20:39 +0000"
    assert call("date_in_zone", layout, tm, "foobar") == "13 Jun 19 20:39 +0000"  # unknown zone: UTC
    assert [call("durationRound", v) for v in ("2h5s", "24h5s", "2400h5s")] == ["2h", "1d", "3mo"]
    assert [call("durationRound", v) for v in (Int64(3 * 365 * 86400 * 10**9), 5, "-90s", "1s")] == ["3y", "0s", "1m", "0s"]


def test_ago():
    now = call("now")
    assert call("ago", now.add(-125 * dates.NANO)) == "2m5s"
    assert call("ago", now.add(-(2 * 3600 + 34 * 60 + 17) * dates.NANO)) == "2h34m17s"
    assert call("ago", now.add(5 * dates.NANO)) == "-5s"
    assert call("ago", GoInt(0, "int32")) == "0s"  # int32 is not an epoch for ago: means now


# ------------------------------------------------------------ Go layouts

T = "2024-03-05T22:04:09.123456789-07:00"


@pytest.mark.parametrize("layout,expected", [
    ("Mon Jan _2 15:04:05 2006", "Tue Mar  5 22:04:09 2024"),
    ("Mon Jan _2 15:04:05 MST 2006", "Tue Mar  5 22:04:09 -0700 2024"),
    ("02 Jan 06 15:04 -0700", "05 Mar 24 22:04 -0700"),
    ("Monday, 02-Jan-06 15:04:05 MST", "Tuesday, 05-Mar-24 22:04:09 -0700"),
    ("3:04PM", "10:04PM"), ("03:04:05 pm", "10:04:09 pm"),
    ("Jan _2 15:04:05.000000", "Mar  5 22:04:09.123456"),
    ("2006-01-02T15:04:05.999999999Z07:00", "2024-03-05T22:04:09.123456789-07:00"),
    ("2006-01-02T15:04:05.99Z07:00", "2024-03-05T22:04:09.12-07:00"),
    ("15:04:05,000", "22:04:09,123"), (".9", ".1"), ("__2 002", " 65 065"),
    ("-07 -070000 -07:00:00 Z0700 Z07:00:00", "-07 -070000 -07:00:00 -0700 -07:00:00"),
    ("January January2006 Janet Monday Mond", "March March2024 Janet Tuesday Mond"),
    ("1/2/06 3:4:5", "3/5/24 10:4:9"), ("_2006 2006", "_2024 2024"), ("no elements", "no elements"),
])
def test_format(layout, expected):
    assert to_date(RFC3339, T.replace(".123456789", "")).add(123456789).format(layout) == expected


def test_format_utc_and_zero():
    t = to_date(RFC3339, "2024-03-05T22:04:09Z")
    assert t.format("Z07:00 Z0700 Z07 -07:00 MST") == "Z Z Z +00:00 UTC"
    assert t.format("2006-01-02T15:04:05.999999999Z07:00") == "2024-03-05T22:04:09Z"
    zero = to_date("2006", "not a year")
    assert str(zero) == "0001-01-01 00:00:00 +0000 UTC" and zero.is_zero()
    assert call("unixEpoch", zero) == "-62135596800"


def test_print_like_go():
    t = to_date(RFC3339, "2024-03-05T22:00:00+05:30")
    assert str(t) == "2024-03-05 22:00:00 +0530 +0530"
    assert t.go_json() == "2024-03-05T22:00:00+05:30"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC m=\+\d+\.\d{9}", str(call("now")))
    assert (t.go_type, t.go_kind) == ("time.Time", "struct")


def test_local_zone_from_tz(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    dates.local_location.cache_clear()
    t = to_date("2006-01-02 15:04", "2024-03-05 09:00")  # parsed in Local
    assert str(t) == "2024-03-05 09:00:00 +0900 JST"
    assert call("date", "15:04 MST", Int64(0)) == "09:00 JST"
    assert call("dateInZone", "15:04", t, "UTC") == "00:00"
    # an offset equal to Local's keeps Local (and its abbreviation)
    assert str(to_date(RFC3339, "2024-03-05T09:00:00+09:00")) == "2024-03-05 09:00:00 +0900 JST"
    # a zone abbreviation Local uses is resolved through it
    parsed = dates.parse_time("2006-01-02 15:04 MST", "2024-03-05 10:00 JST", dates.UTC, dates.local_location())
    assert str(parsed) == "2024-03-05 10:00:00 +0900 JST"


def test_dst_zone():
    t = to_date(RFC3339, "2024-07-01T12:00:00Z")
    assert call("dateInZone", "15:04 MST -0700", t, "America/New_York") == "08:00 EDT -0400"
    assert call("dateInZone", "15:04 MST -0700", t.add(-180 * 86400 * dates.NANO), "America/New_York") == "07:00 EST -0500"


# ------------------------------------------------------------ parsing

@pytest.mark.parametrize("layout,value,message", [
    ("2006-01-02", "nope", 'parsing time "nope" as "2006-01-02": cannot parse "nope" as "2006"'),
    ("2006-01-02", "2024-13-01", 'parsing time "2024-13-01": month out of range'),
    ("2006-01-02", "2024-02-30", 'parsing time "2024-02-30": day out of range'),
    ("2006-01-02", "2024-03-05x", 'parsing time "2024-03-05x": extra text: "x"'),
    ("2006-01-02", "2024/03/05", 'parsing time "2024/03/05" as "2006-01-02": cannot parse "/03/05" as "-"'),
    ("15:04", "25:00", 'parsing time "25:00": hour out of range'),
    ("Jan 2", "Foo 2", 'parsing time "Foo 2" as "Jan 2": cannot parse "Foo 2" as "Jan"'),
    (RFC3339, "2024-03-05T22:00:00", 'parsing time "2024-03-05T22:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'),
    ("2006-01-02", "2024-03-0\u00e9", 'parsing time "2024-03-0\\xc3\\xa9" as "2006-01-02": cannot parse "0\\xc3\\xa9" as "02"'),
])
def test_parse_errors(layout, value, message):
    with pytest.raises(GoError) as e:
        call("mustToDate", layout, value)
    assert str(e.value) == message
    assert call("toDate", layout, value).is_zero()


@pytest.mark.parametrize("layout,value,expected", [
    ("2006-01-02 15:04:05", "2024-03-05 22:04:09.5", "2024-03-05 22:04:09.5 +0000 UTC"),
    ("Jan _2 2006 3:04PM", "mar  5 2024 12:30AM", "2024-03-05 00:30:00 +0000 UTC"),
    ("2006 002", "2024 060", "2024-02-29 00:00:00 +0000 UTC"),
    (RFC3339, "2024-03-05T22:04:09.25-07:00", "2024-03-05 22:04:09.25 -0700 -0700"),
    ("02 Jan 06 15:04 MST", "05 Mar 24 10:00 PST", "2024-03-05 10:00:00 +0000 PST"),
    ("15:04 MST", "10:00 GMT+3", "0000-01-01 13:00:00 +0300 GMT+3"),  # Go keeps the UTC instant
    ("06-01-02", "69-01-02", "1969-01-02 00:00:00 +0000 UTC"),
])
def test_parse(layout, value, expected):
    assert str(call("mustToDate", layout, value)) == expected


# ------------------------------------------------------------ durations

@pytest.mark.parametrize("text,expected", [
    ("1h2m3s", "1h2m3s"), ("1.5s", "1.5s"), ("100ms", "100ms"), ("0", "0s"), ("-1.5h", "-1h30m0s"),
    ("1us", "1µs"), ("1µs", "1µs"), ("1μs", "1µs"), ("300ns", "300ns"), (".5m", "30s"), ("1h1.1m", "1h1m6s"),
    ("+5m", "5m0s"), ("1.0000000001s", "1s"), ("2562047h47m16.854775807s", "2562047h47m16.854775807s"),
    ("-2562047h47m16.854775808s", "-2562047h47m16.854775808s"), ("1500us", "1.5ms"),
])
def test_parse_duration(text, expected):
    assert dates.duration_string(dates.parse_duration(text)) == expected


@pytest.mark.parametrize("text,message", [
    ("", 'time: invalid duration ""'), ("1", 'time: missing unit in duration "1"'),
    ("1x", 'time: unknown unit "x" in duration "1x"'), ("-", 'time: invalid duration "-"'),
    (".s", 'time: invalid duration ".s"'), ("9999999999999999999h", 'time: invalid duration "9999999999999999999h"'),
    ("2562047h47m16.854775808s", 'time: invalid duration "2562047h47m16.854775808s"'),
])
def test_parse_duration_errors(text, message):
    with pytest.raises(GoError) as e:
        dates.parse_duration(text)
    assert str(e.value) == message


def test_duration_function_edges():
    assert call("duration", Int64(-61)) == "-1m1s"
    assert call("duration", "+30") == "30s"
    assert call("duration", "1.5") == "0s"  # strconv.ParseInt fails: 0
    assert call("duration", "99999999999999999999") == "-1s"  # clamped to MaxInt64, then * Second wraps


def test_time_methods():
    t = to_date(RFC3339, "2024-03-05T22:04:09-07:00")
    m = lambda name, *a: t.go_method(name).fn(*a)  # noqa: E731
    assert m("Unix") == Int64(1709701449) and m("Year") == 2024 and m("Day") == 5 and m("YearDay") == 65
    assert m("Month").go_string() == "March" and int(m("Month")) == 3
    assert m("Weekday").go_string() == "Tuesday"
    assert m("Format", "2006") == "2024" and m("UTC").format("15:04") == "05:04"
    assert str(m("AddDate", 0, 1, 30)) == "2024-05-05 22:04:09 -0700 -0700"
    assert m("Sub", m("Add", -dates.NANO * 90)).go_string() == "1m30s"
    assert m("Truncate", 3600 * dates.NANO).format("15:04") == "22:00"
    assert m("Round", 3600 * dates.NANO).format("15:04") == "22:00"
    assert m("Before", m("Add", 1)) is True and m("Equal", m("UTC")) is True
    assert t.go_method("Zone") is None


def test_signatures():
    for name in ("date", "dateInZone", "date_in_zone", "dateModify", "date_modify", "mustDateModify",
                 "must_date_modify", "ago", "duration", "durationRound", "htmlDate", "htmlDateInZone",
                 "toDate", "mustToDate", "now", "unixEpoch"):
        assert REGISTRY[name].doc and REGISTRY[name].signature.startswith(name)
    assert REGISTRY["dateModify"].params == ("string", "time.Time")
    assert REGISTRY["unixEpoch"].params == ("time.Time",)
    assert REGISTRY["now"].params == () and not REGISTRY["now"].has_error
    assert REGISTRY["mustToDate"].has_error
