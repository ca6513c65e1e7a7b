"""Sprig's date functions over a faithful model of Go's ``time.Time``.

Templates print times (``{{ now }}``), format them with Go's reference
layout (``2006-01-02T15:04:05Z07:00``), parse them (``toDate``) and do
duration arithmetic (``dateModify "-90m"``), so this module carries Go's
layout tokenizer, ``time.Parse`` (with its error texts), ``ParseDuration``
and ``Duration.String``. Civil dates are computed with integer arithmetic
(any year, like Go); only UTC offsets come from the system tz database.
"""

from __future__ import annotations

import functools
import os
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable
from zoneinfo import ZoneInfo

from ..gotemplate.gotypes import GoError, GoFunc, GoInt, GoObject, Int64, type_name
from .registry import gofunc

NANO = 1_000_000_000
_I64_MIN, _I64_MAX = -(1 << 63), (1 << 63) - 1
_ZERO_UNIX = -62135596800  # time.Time{}: January 1, year 1, 00:00:00 UTC
_PROCESS_START = time.monotonic_ns()

_LONG_MONTHS = ("January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December")
_SHORT_MONTHS = tuple(m[:3] for m in _LONG_MONTHS)
_LONG_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
_SHORT_DAYS = tuple(d[:3] for d in _LONG_DAYS)


def _wrap64(n: int) -> int:
    """Go's silent int64 overflow."""
    return ((n + (1 << 63)) % (1 << 64)) - (1 << 63)


def go_quote(s: str) -> str:
    """``time``'s private quote(): escapes non-ASCII and control bytes as ``\\xNN``."""
    out = ['"']
    for ch in s:
        if ch < " " or ch > "\x7f":
            out.extend(f"\\x{b:02x}" for b in ch.encode("utf-8", "surrogateescape"))
        else:
            out.append("\\" + ch if ch in '"\\' else ch)
    out.append('"')
    return "".join(out)


# ---------------------------------------------------------------- locations

_UTC_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_LOOKUP_MIN, _LOOKUP_MAX = _ZERO_UNIX + 2 * 86400, 253402300799 - 2 * 86400


class Location:
    """A ``*time.Location``: a fixed offset or a tz database zone."""

    __slots__ = ("name", "_zone", "_abbr", "_offset")

    def __init__(self, name: str, zone: ZoneInfo | None = None, abbr: str = "", offset: int = 0) -> None:
        self.name, self._zone, self._abbr, self._offset = name, zone, abbr, offset

    def lookup(self, unix: int) -> tuple[str, int]:
        """(abbreviation, offset seconds) in effect at ``unix``."""
        if self._zone is None:
            return self._abbr, self._offset
        dt = (_UTC_EPOCH + timedelta(seconds=min(max(unix, _LOOKUP_MIN), _LOOKUP_MAX))).astimezone(self._zone)
        off = dt.utcoffset()
        return dt.tzname() or "", int(off.total_seconds()) if off is not None else 0

    def __repr__(self) -> str:
        return f"Location({self.name!r})"


UTC = Location("UTC", abbr="UTC")


def _zoneinfo(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except Exception:  # unknown, malformed or unreadable zone: Go reports an error too
        return None


@functools.lru_cache(maxsize=1)
def local_location() -> Location:
    """Go's ``time.Local``: ``$TZ`` if set (empty = UTC), else ``/etc/localtime``, else UTC."""
    tz = os.environ.get("TZ")
    if tz is not None:
        tz = tz[1:] if tz.startswith(":") else tz
        if tz.startswith("/"):
            try:
                with open(tz, "rb") as f:
                    return Location("Local", ZoneInfo.from_file(f, key=tz))
            except Exception:
                return Location("UTC", abbr="UTC")
        zone = _zoneinfo(tz) if tz and tz != "UTC" else None
        return Location("Local", zone) if zone else Location("UTC", abbr="UTC")
    try:
        with open("/etc/localtime", "rb") as f:
            return Location("Local", ZoneInfo.from_file(f, key="localtime"))
    except Exception:
        return Location("UTC", abbr="UTC")


def load_location(name: str) -> Location | None:
    """``time.LoadLocation``: None where Go returns an error."""
    if name in ("", "UTC"):
        return UTC
    if name == "Local":
        return local_location()
    return _named_location(name)


@functools.lru_cache(maxsize=64)
def _named_location(name: str) -> Location | None:
    if ".." in name or name[0] in "/\\":
        return None
    zone = _zoneinfo(name)
    return Location(name, zone) if zone else None


def fixed_zone(name: str, offset: int) -> Location:
    return Location(name, abbr=name, offset=offset)


# ------------------------------------------------------------ civil calendar

def _days_from_civil(y: int, m: int, d: int) -> int:
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def _civil_from_days(z: int) -> tuple[int, int, int]:
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, d


def _is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def go_date(year: int, month: int, day: int, hour: int, minute: int, sec: int, nsec: int,
            loc: Location) -> "GoTime":
    """``time.Date``: out-of-range fields normalise (Feb 30 → Mar 1)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    sec += nsec // NANO
    nsec %= NANO
    unix = (_days_from_civil(year, month, 1) + day - 1) * 86400 + hour * 3600 + minute * 60 + sec
    _, offset = loc.lookup(unix)
    if offset:
        _, actual = loc.lookup(unix - offset)
        unix -= actual
    return GoTime(unix, nsec, loc)


# ---------------------------------------------------------------- durations

_UNITS = {b"ns": 1, b"us": 1000, "µs".encode(): 1000, "μs".encode(): 1000,
          b"ms": 1_000_000, b"s": NANO, b"m": 60 * NANO, b"h": 3600 * NANO}


def parse_duration(text: str) -> int:
    """``time.ParseDuration`` → nanoseconds; GoError with Go's message on failure."""
    s = text.encode("utf-8", "surrogateescape")
    bad = GoError("time: invalid duration " + go_quote(text))
    neg = False
    if s[:1] in (b"-", b"+"):
        neg, s = s[:1] == b"-", s[1:]
    if s == b"0":
        return 0
    if not s:
        raise bad
    total = 0
    while s:
        if not (s[0] == 0x2E or 0x30 <= s[0] <= 0x39):
            raise bad
        i = 0
        while i < len(s) and 0x30 <= s[i] <= 0x39:
            i += 1
        v = int(s[:i]) if i else 0
        if v > 1 << 63:
            raise bad
        pre, s = i > 0, s[i:]
        frac, scale, post = 0, 1.0, False
        if s[:1] == b".":
            s = s[1:]
            i, overflow = 0, False
            while i < len(s) and 0x30 <= s[i] <= 0x39:
                if not overflow:
                    y = frac * 10 + s[i] - 0x30
                    if frac > ((1 << 63) - 1) // 10 or y > 1 << 63:
                        overflow = True
                    else:
                        frac, scale = y, scale * 10
                i += 1
            post, s = i > 0, s[i:]
        if not pre and not post:
            raise bad
        i = 0
        while i < len(s) and not (s[i] == 0x2E or 0x30 <= s[i] <= 0x39):
            i += 1
        if i == 0:
            raise GoError("time: missing unit in duration " + go_quote(text))
        unit_bytes, s = s[:i], s[i:]
        unit = _UNITS.get(unit_bytes)
        if unit is None:
            raise GoError("time: unknown unit " + go_quote(unit_bytes.decode("utf-8", "surrogateescape"))
                          + " in duration " + go_quote(text))
        if v > (1 << 63) // unit:
            raise bad
        v *= unit
        if frac > 0:
            v += int(float(frac) * (float(unit) / scale))
            if v > 1 << 63:
                raise bad
        total += v
        if total > 1 << 63:
            raise bad
    if neg:
        return -total
    if total > _I64_MAX:
        raise bad
    return total


def _frac(v: int, prec: int) -> tuple[str, int]:
    """Go's fmtFrac: ``.digits`` of v/10**prec without trailing zeros, and the quotient."""
    digits = []
    printed = False
    for _ in range(prec):
        v, digit = divmod(v, 10)
        printed = printed or digit != 0
        if printed:
            digits.append(str(digit))
    return ("." + "".join(reversed(digits)) if printed else ""), v


def duration_string(d: int) -> str:
    """``time.Duration.String``: ``1h2m3.5s``, ``1.5ms``, ``0s``."""
    u = abs(d)
    sign = "-" if d < 0 else ""
    if u < NANO:
        if u == 0:
            return "0s"
        if u < 1000:
            return f"{sign}{u}ns"
        prec, unit = (3, "µs") if u < 1_000_000 else (6, "ms")
        frac, whole = _frac(u, prec)
        return f"{sign}{whole}{frac}{unit}"
    frac, secs = _frac(u, 9)
    out = f"{secs % 60}{frac}s"
    mins = secs // 60
    if mins:
        out = f"{mins % 60}m" + out
        if mins // 60:
            out = f"{mins // 60}h" + out
    return sign + out


def round_duration(d: int, m: int) -> int:
    """``Duration.Round``: half away from zero, saturating."""
    if m <= 0:
        return d
    r = abs(d) % m
    if d < 0:
        if r + r < m:
            return d + r
        d1 = d - m + r
        return d1 if d1 >= _I64_MIN else _I64_MIN
    if r + r < m:
        return d - r
    d1 = d + m - r
    return d1 if d1 <= _I64_MAX else _I64_MAX


class GoStringerInt(GoInt):
    """An integer of a named Go type whose ``String()`` fmt prints (time.Duration, time.Month …)."""

    def __new__(cls, value: int, go_type: str, text: Callable[[int], str]) -> "GoStringerInt":
        obj = super().__new__(cls, value, go_type)
        obj._text = text
        return obj

    def go_string(self) -> str:
        return self._text(int(self))


def go_duration(ns: int) -> GoStringerInt:
    return GoStringerInt(ns, "time.Duration", duration_string)


# -------------------------------------------------------------- layouts

# Chunks of a layout: literal text or a std element. Fractional seconds are
# ("frac", digits, separator, trim_zeros).
_Std = Any


def _next_std_chunk(layout: str) -> tuple[str, _Std, str]:
    """Go's nextStdChunk: the text before the first layout element, the element, the rest."""
    n = len(layout)
    for i, c in enumerate(layout):
        rest = layout[i:]
        if c == "J":
            if rest.startswith("January"):
                return layout[:i], "January", layout[i + 7:]
            if rest.startswith("Jan") and not rest[3:4].islower():
                return layout[:i], "Jan", layout[i + 3:]
        elif c == "M":
            if rest.startswith("Monday"):
                return layout[:i], "Monday", layout[i + 6:]
            if rest.startswith("Mon") and not ("a" <= rest[3:4] <= "z"):
                return layout[:i], "Mon", layout[i + 3:]
            if rest.startswith("MST"):
                return layout[:i], "MST", layout[i + 3:]
        elif c == "0":
            if i + 1 < n and "1" <= layout[i + 1] <= "6":
                return layout[:i], rest[:2], layout[i + 2:]
            if rest.startswith("002"):
                return layout[:i], "002", layout[i + 3:]
        elif c == "1":
            if rest.startswith("15"):
                return layout[:i], "15", layout[i + 2:]
            return layout[:i], "1", layout[i + 1:]
        elif c == "2":
            if rest.startswith("2006"):
                return layout[:i], "2006", layout[i + 4:]
            return layout[:i], "2", layout[i + 1:]
        elif c == "_":
            if rest.startswith("_2"):
                if rest.startswith("_2006"):
                    return layout[:i + 1], "2006", layout[i + 5:]
                return layout[:i], "_2", layout[i + 2:]
            if rest.startswith("__2"):
                return layout[:i], "__2", layout[i + 3:]
        elif c in "345":
            return layout[:i], c, layout[i + 1:]
        elif c == "P":
            if rest.startswith("PM"):
                return layout[:i], "PM", layout[i + 2:]
        elif c == "p":
            if rest.startswith("pm"):
                return layout[:i], "pm", layout[i + 2:]
        elif c in "-Z":
            for tok in ("070000", "07:00:00", "0700", "07:00", "07"):
                if rest.startswith(c + tok):
                    return layout[:i], c + tok, layout[i + 1 + len(tok):]
        elif c in ".,":
            if i + 1 < n and layout[i + 1] in "09":
                ch = layout[i + 1]
                j = i + 1
                while j < n and layout[j] == ch:
                    j += 1
                if not (j < n and "0" <= layout[j] <= "9"):
                    return layout[:i], ("frac", min(j - i - 1, 9), c, ch == "9"), layout[j:]
    return layout, None, ""


@functools.lru_cache(maxsize=256)
def _compile_layout(layout: str) -> tuple[tuple[str, _Std], ...]:
    chunks = []
    while layout:
        prefix, std, layout = _next_std_chunk(layout)
        chunks.append((prefix, std))
    return tuple(chunks)


def _pad(x: int, width: int) -> str:
    return ("-" + str(-x).zfill(width)) if x < 0 else str(x).zfill(width)


def _format_offset(std: str, offset: int) -> str:
    if std[0] == "Z" and offset == 0:
        return "Z"
    zone, absoff = int(offset / 60), abs(offset)
    out = "-" if zone < 0 else "+"
    zone = abs(zone)
    out += _pad(zone // 60, 2)
    body = std[1:]
    if body.startswith("07:"):
        out += ":"
    if body not in ("07",):
        out += _pad(zone % 60, 2)
    if body in ("070000", "07:00:00"):
        if body == "07:00:00":
            out += ":"
        out += _pad(absoff % 60, 2)
    return out


# ------------------------------------------------------------------- time.Time

class GoTime(GoObject):
    """A Go ``time.Time``: an instant (unix seconds + nanoseconds), a location
    and, for ``now``, a monotonic clock reading (printed as ``m=+0.001``)."""

    __slots__ = ("sec", "nsec", "loc", "mono", "_parts", "_abbr")
    go_type = "time.Time"
    go_kind = "struct"

    def __init__(self, sec: int, nsec: int = 0, loc: Location = UTC, mono: int | None = None) -> None:
        self.sec, self.nsec, self.loc, self.mono = sec, nsec, loc, mono
        self._parts: tuple[int, ...] | None = None
        self._abbr = ""

    @classmethod
    def now(cls) -> "GoTime":
        ns = time.time_ns()
        return cls(ns // NANO, ns % NANO, local_location(), time.monotonic_ns() - _PROCESS_START)

    @classmethod
    def unix(cls, sec: int) -> "GoTime":
        return cls(sec, 0, local_location())

    # -- calendar fields, computed once per value
    def parts(self) -> tuple[int, ...]:
        """(year, month, day, hour, minute, second, weekday, yearday, offset)."""
        if self._parts is None:
            self._abbr, offset = self.loc.lookup(self.sec)
            days, secs = divmod(self.sec + offset, 86400)
            y, m, d = _civil_from_days(days)
            self._parts = (y, m, d, secs // 3600, secs // 60 % 60, secs % 60, (days + 4) % 7,
                           days - _days_from_civil(y, 1, 1) + 1, offset)
        return self._parts

    def abbr(self) -> str:
        self.parts()
        return self._abbr

    def format(self, layout: str) -> str:
        """``Time.Format`` with Go's reference layout."""
        year, month, day, hour, minute, second, wday, yday, offset = self.parts()
        out = []
        for prefix, std in _compile_layout(layout):
            out.append(prefix)
            if std is None:
                continue
            if isinstance(std, tuple):
                _, digits, sep, trim = std
                if trim and self.nsec == 0:
                    continue
                frac = str(self.nsec).zfill(9)[:digits]
                if trim:
                    frac = frac.rstrip("0")
                    if not frac:
                        continue
                out.append(sep + frac)
            else:
                out.append(self._element(std, year, month, day, hour, minute, second, wday, yday, offset))
        return "".join(out)

    def _element(self, std: str, year: int, month: int, day: int, hour: int, minute: int,
                 second: int, wday: int, yday: int, offset: int) -> str:
        if std == "2006":
            return _pad(year, 4)
        if std == "06":
            return _pad(year % 100 if year >= 0 else -((-year) % 100), 2)
        if std == "January":
            return _LONG_MONTHS[month - 1]
        if std == "Jan":
            return _SHORT_MONTHS[month - 1]
        if std == "1":
            return str(month)
        if std == "01":
            return _pad(month, 2)
        if std == "Monday":
            return _LONG_DAYS[wday]
        if std == "Mon":
            return _SHORT_DAYS[wday]
        if std == "2":
            return str(day)
        if std == "_2":
            return str(day).rjust(2)
        if std == "02":
            return _pad(day, 2)
        if std == "__2":
            return str(yday).rjust(3)
        if std == "002":
            return _pad(yday, 3)
        if std == "15":
            return _pad(hour, 2)
        if std in ("3", "03"):
            h12 = hour % 12 or 12
            return str(h12) if std == "3" else _pad(h12, 2)
        if std == "4":
            return str(minute)
        if std == "04":
            return _pad(minute, 2)
        if std == "5":
            return str(second)
        if std == "05":
            return _pad(second, 2)
        if std == "PM":
            return "PM" if hour >= 12 else "AM"
        if std == "pm":
            return "pm" if hour >= 12 else "am"
        if std == "MST":
            name = self._abbr
            if name:
                return name
            zone = int(offset / 60)
            return ("-" if zone < 0 else "+") + _pad(abs(zone) // 60, 2) + _pad(abs(zone) % 60, 2)
        return _format_offset(std, offset)

    def __str__(self) -> str:
        s = self.format("2006-01-02 15:04:05.999999999 -0700 MST")
        if self.mono is not None:
            m = abs(self.mono)
            s += f" m={'-' if self.mono < 0 else '+'}{m // NANO}.{m % NANO:09d}"
        return s

    def __repr__(self) -> str:
        return f"GoTime({self!s})"

    def go_string(self) -> str:
        return str(self)

    def go_json(self) -> Any:
        return self.format("2006-01-02T15:04:05.999999999Z07:00")

    # -- arithmetic
    def add(self, d: int) -> "GoTime":
        total = self.nsec + d
        mono = None if self.mono is None else self.mono + d
        return GoTime(self.sec + total // NANO, total % NANO, self.loc, mono)

    def sub(self, u: "GoTime") -> int:
        if self.mono is not None and u.mono is not None:
            d = self.mono - u.mono
        else:
            d = (self.sec - u.sec) * NANO + self.nsec - u.nsec
        return min(max(d, _I64_MIN), _I64_MAX)

    def in_loc(self, loc: Location) -> "GoTime":
        return GoTime(self.sec, self.nsec, loc)

    def is_zero(self) -> bool:
        return self.sec == _ZERO_UNIX and self.nsec == 0

    def add_date(self, years: int, months: int, days: int) -> "GoTime":
        y, m, d, hh, mm, ss, *_ = self.parts()
        return go_date(y + years, m + months, d + days, hh, mm, ss, self.nsec, self.loc)

    def _since_zero_rem(self, d: int) -> int:
        return ((self.sec - _ZERO_UNIX) * NANO + self.nsec) % d

    def truncate(self, d: int) -> "GoTime":
        plain = GoTime(self.sec, self.nsec, self.loc)
        return plain if d <= 0 else plain.add(-self._since_zero_rem(d))

    def round(self, d: int) -> "GoTime":
        plain = GoTime(self.sec, self.nsec, self.loc)
        if d <= 0:
            return plain
        r = self._since_zero_rem(d)
        return plain.add(-r) if r + r < d else plain.add(d - r)

    def go_method(self, name: str) -> GoFunc | None:
        spec = _TIME_METHODS.get(name)
        if spec is None:
            return None
        params, returns, fn = spec
        return GoFunc(name, lambda *a: fn(self, *a), params, None, returns, has_error=False)


def _instant(t: GoTime) -> tuple[int, int]:
    return t.sec, t.nsec


_TIME_METHODS: dict[str, tuple[tuple[str, ...], str, Callable[..., Any]]] = {
    "String": ((), "string", str),
    "Format": (("string",), "string", GoTime.format),
    "Unix": ((), "int64", lambda t: Int64(t.sec)),
    "UnixMilli": ((), "int64", lambda t: Int64(t.sec * 1000 + t.nsec // 1_000_000)),
    "UnixMicro": ((), "int64", lambda t: Int64(t.sec * 1_000_000 + t.nsec // 1000)),
    "UnixNano": ((), "int64", lambda t: Int64(_wrap64(t.sec * NANO + t.nsec))),
    "Year": ((), "int", lambda t: t.parts()[0]),
    "Month": ((), "time.Month", lambda t: GoStringerInt(t.parts()[1], "time.Month",
                                                          lambda m: _LONG_MONTHS[m - 1])),
    "Day": ((), "int", lambda t: t.parts()[2]),
    "Hour": ((), "int", lambda t: t.parts()[3]),
    "Minute": ((), "int", lambda t: t.parts()[4]),
    "Second": ((), "int", lambda t: t.parts()[5]),
    "Nanosecond": ((), "int", lambda t: t.nsec),
    "Weekday": ((), "time.Weekday", lambda t: GoStringerInt(t.parts()[6], "time.Weekday",
                                                              lambda d: _LONG_DAYS[d])),
    "YearDay": ((), "int", lambda t: t.parts()[7]),
    "IsZero": ((), "bool", GoTime.is_zero),
    "UTC": ((), "time.Time", lambda t: t.in_loc(UTC)),
    "Local": ((), "time.Time", lambda t: t.in_loc(local_location())),
    "Add": (("time.Duration",), "time.Time", lambda t, d: t.add(int(d))),
    "AddDate": (("int", "int", "int"), "time.Time", GoTime.add_date),
    "Sub": (("time.Time",), "time.Duration", lambda t, u: go_duration(t.sub(u))),
    "Truncate": (("time.Duration",), "time.Time", lambda t, d: t.truncate(int(d))),
    "Round": (("time.Duration",), "time.Time", lambda t, d: t.round(int(d))),
    "Before": (("time.Time",), "bool", lambda t, u: _instant(t) < _instant(u)),
    "After": (("time.Time",), "bool", lambda t, u: _instant(t) > _instant(u)),
    "Equal": (("time.Time",), "bool", lambda t, u: _instant(t) == _instant(u)),
}


# ------------------------------------------------------------------ parsing

class _Bad(Exception):
    """errBad inside parse: reported as "cannot parse X as Y"."""


def _getnum(s: str, fixed: bool, width: int = 2) -> tuple[int, str]:
    i = 0
    while i < width and i < len(s) and "0" <= s[i] <= "9":
        i += 1
    if i == 0 or (fixed and i < width):
        raise _Bad
    return int(s[:i]), s[i:]


def _lookup(names: tuple[str, ...], val: str) -> tuple[int, str]:
    for i, name in enumerate(names):
        if val[:len(name)].lower() == name.lower() and len(val) >= len(name):
            return i, val[len(name):]
    raise _Bad


def _skip(value: str, prefix: str) -> str:
    while prefix:
        if prefix[0] == " ":
            if value and value[0] != " ":
                raise _Bad
            prefix, value = prefix.lstrip(" "), value.lstrip(" ")
            continue
        if not value or value[0] != prefix[0]:
            raise _Bad
        prefix, value = prefix[1:], value[1:]
    return value


def _parse_nanos(value: str, nbytes: int) -> int:
    if value[0] not in ".,":
        raise _Bad
    nbytes = min(nbytes, 10)
    digits = value[1:nbytes]
    if not digits.isdigit() or not digits.isascii():
        raise _Bad
    return int(digits) * 10 ** (10 - nbytes)


def _signed_offset_len(value: str) -> int:
    if value[:1] not in ("-", "+"):
        return 0
    i = 1
    while i < len(value) and "0" <= value[i] <= "9":
        i += 1
    if i == 1 or int(value[1:i]) > 12:
        return 0
    return i


def _timezone_len(value: str) -> int:
    """Go's parseTimeZone: length of a zone abbreviation at the start of value, 0 if none."""
    if len(value) < 3:
        return 0
    if value[:4] in ("ChST", "MeST"):
        return 4
    if value[:3] == "GMT":
        return 3 + (_signed_offset_len(value[3:]) if len(value) > 3 else 0)
    if value[0] in "+-":
        return _signed_offset_len(value)
    upper = 0
    while upper < 6 and upper < len(value) and "A" <= value[upper] <= "Z":
        upper += 1
    if upper == 3:
        return 3
    if upper == 4 and (value[3] == "T" or value[:4] == "WITA"):
        return 4
    if upper == 5 and value[4] == "T":
        return 5
    return 0


def _parse_error(layout: str, value: str, layout_elem: str, value_elem: str, message: str = "") -> GoError:
    if message:
        return GoError("parsing time " + go_quote(value) + message)
    return GoError("parsing time " + go_quote(value) + " as " + go_quote(layout) + ": cannot parse "
                   + go_quote(value_elem) + " as " + go_quote(layout_elem))


def parse_time(layout: str, value: str, default_loc: Location, local: Location) -> GoTime:
    """``time.ParseInLocation`` (``time.parse``) with Go's error messages."""
    alayout, avalue = layout, value
    year, month, day, yday, hour, minute, sec, nsec = 0, -1, -1, -1, 0, 0, 0, 0
    am = pm = False
    z: Location | None = None
    zone_offset, zone_name = -1, ""
    while True:
        prefix, std, suffix = _next_std_chunk(layout)
        stdstr = layout[len(prefix):len(layout) - len(suffix)]
        try:
            value = _skip(value, prefix)
        except _Bad:
            raise _parse_error(alayout, avalue, prefix, value) from None
        if std is None:
            if value:
                raise _parse_error(alayout, avalue, "", value, ": extra text: " + go_quote(value))
            break
        layout = suffix
        hold = value
        range_err = ""
        try:
            if isinstance(std, tuple):
                _, digits, _, trim = std
                if not trim:
                    ndigit = 1 + digits
                    if len(value) < ndigit:
                        raise _Bad
                    nsec, value = _parse_nanos(value, ndigit), value[ndigit:]
                elif len(value) >= 2 and value[0] in ".," and "0" <= value[1] <= "9":
                    i = 1
                    while i < len(value) and "0" <= value[i] <= "9":
                        i += 1
                    nsec, value = _parse_nanos(value, i), value[i:]
            elif std == "06":
                if len(value) < 2 or not value[:2].isdigit() or not value[:2].isascii():
                    raise _Bad
                year, value = int(value[:2]), value[2:]
                year += 1900 if year >= 69 else 2000
            elif std == "2006":
                if len(value) < 4 or not ("0" <= value[0] <= "9"):
                    raise _Bad
                p, value = value[:4], value[4:]
                if not p.isdigit() or not p.isascii():
                    raise _Bad
                year = int(p)
            elif std in ("Jan", "January"):
                month, value = _lookup(_SHORT_MONTHS if std == "Jan" else _LONG_MONTHS, value)
                month += 1
            elif std in ("1", "01"):
                month, value = _getnum(value, std == "01")
                if not 0 < month <= 12:
                    range_err = "month"
            elif std in ("Mon", "Monday"):
                _, value = _lookup(_SHORT_DAYS if std == "Mon" else _LONG_DAYS, value)
            elif std in ("2", "_2", "02"):
                if std == "_2" and value[:1] == " ":
                    value = value[1:]
                day, value = _getnum(value, std == "02")
            elif std in ("__2", "002"):
                if std == "__2":
                    value = value[2:] if value[:2] == "  " else value[1:] if value[:1] == " " else value
                yday, value = _getnum(value, std == "002", 3)
            elif std == "15":
                hour, value = _getnum(value, False)
                if not 0 <= hour < 24:
                    range_err = "hour"
            elif std in ("3", "03"):
                hour, value = _getnum(value, std == "03")
                if not 0 <= hour <= 12:
                    range_err = "hour"
            elif std in ("4", "04"):
                minute, value = _getnum(value, std == "04")
                if not 0 <= minute < 60:
                    range_err = "minute"
            elif std in ("5", "05"):
                sec, value = _getnum(value, std == "05")
                if not 0 <= sec < 60:
                    range_err = "second"
                elif len(value) >= 2 and value[0] in ".," and "0" <= value[1] <= "9":
                    nxt = _next_std_chunk(layout)[1]
                    if not isinstance(nxt, tuple):
                        n = 2
                        while n < len(value) and "0" <= value[n] <= "9":
                            n += 1
                        nsec, value = _parse_nanos(value, n), value[n:]
            elif std in ("PM", "pm"):
                if len(value) < 2:
                    raise _Bad
                p, value = value[:2], value[2:]
                if p == std:
                    pm = True
                elif p == ("AM" if std == "PM" else "am"):
                    am = True
                else:
                    raise _Bad
            elif std == "MST":
                if value[:3] == "UTC":
                    z, value = UTC, value[3:]
                else:
                    n = _timezone_len(value)
                    if n == 0:
                        raise _Bad
                    zone_name, value = value[:n], value[n:]
            else:  # numeric zone offsets
                if std[0] == "Z" and value[:1] == "Z":
                    z, value = UTC, value[1:]
                else:
                    zone_offset, value, range_err = _parse_offset(std[1:], value)
        except _Bad:
            raise _parse_error(alayout, avalue, stdstr, hold) from None
        if range_err:
            raise _parse_error(alayout, avalue, stdstr, value, ": " + range_err + " out of range")
    if pm and hour < 12:
        hour += 12
    elif am and hour == 12:
        hour = 0
    if yday >= 0:
        m = d = 0
        if _is_leap(year):
            if yday == 60:
                m, d = 2, 29
            elif yday > 60:
                yday -= 1
        if yday < 1 or yday > 365:
            raise _parse_error(alayout, avalue, "", value, ": day-of-year out of range")
        if m == 0:
            m = 1
            while _days_from_civil(2001, m + 1, 1) - _days_from_civil(2001, 1, 1) < yday:
                m += 1
            d = yday - (_days_from_civil(2001, m, 1) - _days_from_civil(2001, 1, 1))
        if month >= 0 and month != m:
            raise _parse_error(alayout, avalue, "", value, ": day-of-year does not match month")
        month = m
        if day >= 0 and day != d:
            raise _parse_error(alayout, avalue, "", value, ": day-of-year does not match day")
        day = d
    else:
        month = 1 if month < 0 else month
        day = 1 if day < 0 else day
    if day < 1 or day > _days_in(month, year):
        raise _parse_error(alayout, avalue, "", value, ": day out of range")
    if z is not None:
        return go_date(year, month, day, hour, minute, sec, nsec, z)
    if zone_offset != -1:
        t = go_date(year, month, day, hour, minute, sec, nsec, UTC)
        t.sec -= zone_offset
        name, offset = local.lookup(t.sec)
        if offset == zone_offset and (not zone_name or name == zone_name):
            return t.in_loc(local)
        return t.in_loc(fixed_zone(zone_name, zone_offset))
    if zone_name:
        t = go_date(year, month, day, hour, minute, sec, nsec, UTC)
        offset = _local_offset_named(local, zone_name, t.sec)
        if offset is not None:
            t.sec -= offset
            return t.in_loc(local)
        offset = 0
        if len(zone_name) > 3 and zone_name[:3] == "GMT":
            offset = int(zone_name[3:]) * 3600
        return t.in_loc(fixed_zone(zone_name, offset))
    return go_date(year, month, day, hour, minute, sec, nsec, default_loc)


def _parse_offset(kind: str, value: str) -> tuple[int, str, str]:
    """A numeric zone offset per layout ``kind`` (``0700``, ``07:00`` …) → (seconds, rest, range error)."""
    if kind == "07:00":
        if len(value) < 6 or value[3] != ":":
            raise _Bad
        sign, hh, mm, ss, value = value[0], value[1:3], value[4:6], "00", value[6:]
    elif kind == "07":
        if len(value) < 3:
            raise _Bad
        sign, hh, mm, ss, value = value[0], value[1:3], "00", "00", value[3:]
    elif kind == "07:00:00":
        if len(value) < 9 or value[3] != ":" or value[6] != ":":
            raise _Bad
        sign, hh, mm, ss, value = value[0], value[1:3], value[4:6], value[7:9], value[9:]
    elif kind == "070000":
        if len(value) < 7:
            raise _Bad
        sign, hh, mm, ss, value = value[0], value[1:3], value[3:5], value[5:7], value[7:]
    else:
        if len(value) < 5:
            raise _Bad
        sign, hh, mm, ss, value = value[0], value[1:3], value[3:5], "00", value[5:]
    hr, _ = _getnum(hh, True)
    mi, _ = _getnum(mm, True)
    se, _ = _getnum(ss, True)
    range_err = ""
    if hr > 24:
        range_err = "time zone offset hour"
    if mi > 60:
        range_err = "time zone offset minute"
    if se > 60:
        range_err = "time zone offset second"
    offset = (hr * 60 + mi) * 60 + se
    if sign == "-":
        offset = -offset
    elif sign != "+":
        raise _Bad
    return offset, value, range_err


def _local_offset_named(local: Location, name: str, unix: int) -> int | None:
    """Location.lookupName: the offset of zone abbreviation ``name`` around ``unix``, if the zone uses it."""
    candidates = {local.lookup(unix + delta)[1] for delta in (0, -183 * 86400, 183 * 86400)}
    for offset in sorted(candidates):
        if local.lookup(unix - offset)[0] == name:
            return offset
    for delta in (0, -183 * 86400, 183 * 86400):
        abbr, offset = local.lookup(unix + delta)
        if abbr == name:
            return offset
    return None


# --------------------------------------------------------- Sprig functions

def _as_time(value: Any, kinds: tuple[str, ...] = ("int", "int64", "int32")) -> GoTime:
    """Sprig's date argument switch: a time.Time, an epoch integer of the listed types, else now."""
    if isinstance(value, GoTime):
        return value
    if type_name(value) in kinds:
        return GoTime.unix(int(value))
    return GoTime.now()


def _in_zone(layout: str, value: Any, zone: str) -> str:
    loc = load_location(zone) or UTC
    return _as_time(value).in_loc(loc).format(layout)


@gofunc("date", params=("string", "interface {}"), returns="string", has_error=False,
        signature="date LAYOUT TIME",
        doc="Formats TIME (time.Time or epoch seconds; anything else means now) in the local zone with a Go layout like 2006-01-02.")
def date(layout: str, value: Any) -> str:
    return _in_zone(layout, value, "Local")


@gofunc("dateInZone", params=("string", "interface {}", "string"), returns="string", has_error=False,
        aliases=("date_in_zone",), signature="dateInZone LAYOUT TIME ZONE",
        doc="Formats TIME with a Go layout in time zone ZONE (IANA name; unknown names mean UTC).")
def date_in_zone(layout: str, value: Any, zone: str) -> str:
    return _in_zone(layout, value, zone)


@gofunc("htmlDate", params=("interface {}",), returns="string", has_error=False,
        signature="htmlDate TIME", doc="Formats TIME as 2006-01-02 in the local zone (for HTML date inputs).")
def html_date(value: Any) -> str:
    return _in_zone("2006-01-02", value, "Local")


@gofunc("htmlDateInZone", params=("interface {}", "string"), returns="string", has_error=False,
        signature="htmlDateInZone TIME ZONE", doc="Formats TIME as 2006-01-02 in time zone ZONE.")
def html_date_in_zone(value: Any, zone: str) -> str:
    return _in_zone("2006-01-02", value, zone)


@gofunc("dateModify", params=("string", "time.Time"), returns="time.Time", has_error=False,
        aliases=("date_modify",), signature="dateModify DURATION TIME",
        doc="Adds a Go duration (\"-1.5h\", \"90m\") to TIME; an invalid duration leaves TIME unchanged.")
def date_modify(text: str, t: GoTime) -> GoTime:
    try:
        return t.add(parse_duration(text))
    except GoError:
        return t


@gofunc("mustDateModify", params=("string", "time.Time"), returns="time.Time",
        aliases=("must_date_modify",), signature="mustDateModify DURATION TIME",
        doc="Adds a Go duration to TIME; an invalid duration is an error.")
def must_date_modify(text: str, t: GoTime) -> GoTime:
    return t.add(parse_duration(text))


@gofunc("ago", params=("interface {}",), returns="string", has_error=False,
        signature="ago TIME", doc="Time elapsed since TIME (time.Time or epoch seconds), rounded to seconds: 2h34m7s.")
def ago(value: Any) -> str:
    t = _as_time(value, ("int", "int64"))
    return duration_string(round_duration(GoTime.now().sub(t), NANO))


def _parse_int64(s: str) -> int:
    """strconv.ParseInt(s, 10, 64) as Sprig uses it: 0 on syntax error, clamped on overflow."""
    body = s[1:] if s[:1] in "+-" else s
    if not body or not body.isdigit() or not body.isascii():
        return 0
    return min(max(int(s), _I64_MIN), _I64_MAX)


@gofunc("duration", params=("interface {}",), returns="string", has_error=False,
        signature="duration SECONDS",
        doc="Formats SECONDS (a string or int64; other types give 0s) as a Go duration: 1h1m1s.")
def duration(value: Any) -> str:
    if isinstance(value, str):
        n = _parse_int64(value)
    elif type_name(value) == "int64":
        n = int(value)
    else:
        n = 0
    return duration_string(_wrap64(n * NANO))


_ROUND_UNITS = ((365 * 24 * 3600 * NANO, "y"), (30 * 24 * 3600 * NANO, "mo"), (24 * 3600 * NANO, "d"),
                (3600 * NANO, "h"), (60 * NANO, "m"), (NANO, "s"))


@gofunc("durationRound", params=("interface {}",), returns="string", has_error=False,
        signature="durationRound DURATION",
        doc="Rounds a duration (Go duration string, int64 nanoseconds or a time.Time meaning since then) to its largest unit: 2h, 3mo, 1y.")
def duration_round(value: Any) -> str:
    d = 0
    if isinstance(value, str):
        try:
            d = parse_duration(value)
        except GoError:
            d = 0
    elif type_name(value) == "int64":
        d = int(value)
    elif isinstance(value, GoTime):
        d = GoTime.now().sub(value)
    u = abs(d)
    for size, unit in _ROUND_UNITS:
        if u > size:
            return f"{u // size}{unit}"
    return "0s"


@gofunc("toDate", params=("string", "string"), returns="time.Time", has_error=False,
        signature="toDate LAYOUT STRING",
        doc="Parses STRING with a Go layout in the local zone; the zero time (0001-01-01) if it does not parse.")
def to_date(layout: str, value: str) -> GoTime:
    try:
        return parse_time(layout, value, local_location(), local_location())
    except GoError:
        return GoTime(_ZERO_UNIX)


@gofunc("mustToDate", params=("string", "string"), returns="time.Time",
        signature="mustToDate LAYOUT STRING",
        doc="Parses STRING with a Go layout in the local zone; a parse failure is an error.")
def must_to_date(layout: str, value: str) -> GoTime:
    return parse_time(layout, value, local_location(), local_location())


@gofunc("now", returns="time.Time", has_error=False, signature="now",
        doc="The current local time (a time.Time: use with date, dateModify, .Unix …).")
def now() -> GoTime:
    return GoTime.now()


@gofunc("unixEpoch", params=("time.Time",), returns="string", has_error=False,
        signature="unixEpoch TIME", doc="Seconds since the Unix epoch of TIME, as a string.")
def unix_epoch(t: GoTime) -> str:
    return str(t.sec)
