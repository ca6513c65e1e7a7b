"""Base64/base32 codecs and checksums (``strings.go``, ``crypto.go``).

``b64dec``/``b32dec`` return Go's error text instead of failing
("illegal base64 data at input byte 3"), so the decoders follow Go's
``encoding/base64`` and ``encoding/base32`` exactly, including which byte
they blame; well-formed input takes Python's fast codec.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib

from .registry import gofunc
from .strings import from_bytes, to_bytes

_B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_B64_MAP = {c: i for i, c in enumerate(_B64)}
_B32_MAP = {c: i for i, c in enumerate(_B32)}
_B64_CLEAN = re.compile(rb"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


class _Corrupt(Exception):
    """Go's CorruptInputError: the offset of the offending byte."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def _b64_quantum(src: bytes, si: int) -> tuple[int, bytes, bool]:
    """One step of Go's base64 decodeQuantum: (next index, bytes, done)."""
    buf = [0, 0, 0, 0]
    j = 0
    n = len(src)
    dlen = 4
    done = False
    while j < 4:
        if si == n:
            if j == 0:
                return si, b"", True
            raise _Corrupt(si - j)
        c = src[si]
        si += 1
        v = _B64_MAP.get(c)
        if v is not None:
            buf[j] = v
            j += 1
            continue
        if c in (0x0A, 0x0D):
            continue
        if c != 0x3D:
            raise _Corrupt(si - 1)
        if j < 2:
            raise _Corrupt(si - 1)
        if j == 2:
            while si < n and src[si] in (0x0A, 0x0D):
                si += 1
            if si == n:
                raise _Corrupt(n)
            if src[si] != 0x3D:
                raise _Corrupt(si - 1)
            si += 1
        while si < n and src[si] in (0x0A, 0x0D):
            si += 1
        if si < n:
            raise _Corrupt(si)
        dlen = j
        done = True
        break
    val = buf[0] << 18 | buf[1] << 12 | buf[2] << 6 | buf[3]
    return si, val.to_bytes(3, "big")[: dlen - 1], done


def _b64decode(src: bytes) -> bytes:
    if _B64_CLEAN.fullmatch(src):
        return base64.b64decode(src)
    out = bytearray()
    si = 0
    while True:
        si, chunk, done = _b64_quantum(src, si)
        out += chunk
        if done or si >= len(src):
            return bytes(out)


def _b32decode(src: bytes) -> bytes:
    """Go's base32 StdEncoding.DecodeString (newlines stripped first)."""
    src = src.replace(b"\n", b"").replace(b"\r", b"")
    olen = len(src)
    out = bytearray()
    i = 0
    end = False
    while i < olen and not end:
        buf = [0] * 8
        dlen = 8
        j = 0
        while j < 8:
            if i == olen:
                raise _Corrupt(olen - j)
            c = src[i]
            i += 1
            left = olen - i
            if c == 0x3D and j >= 2 and left < 8:
                if left + j < 7:
                    raise _Corrupt(olen)
                for k in range(7 - j):
                    if left > k and src[i + k] != 0x3D:
                        raise _Corrupt(i + k - 1)
                dlen, end = j, True
                if dlen in (1, 3, 6):
                    raise _Corrupt(i - 1)
                break
            v = _B32_MAP.get(c)
            if v is None:
                raise _Corrupt(i - 1)
            buf[j] = v
            j += 1
        val = 0
        for x in buf:
            val = val << 5 | x
        out += val.to_bytes(5, "big")[: (dlen * 5) // 8]
    return bytes(out)


@gofunc("b64enc", params=("string",), returns="string", has_error=False,
        signature="b64enc STRING", doc="Base64-encodes STRING (standard alphabet, padded).")
def b64enc(v: str) -> str:
    return base64.b64encode(to_bytes(v)).decode("ascii")


@gofunc("b64dec", params=("string",), returns="string", has_error=False,
        signature="b64dec STRING", doc="Base64-decodes STRING; on invalid input returns Go's error text.")
def b64dec(v: str) -> str:
    try:
        return from_bytes(_b64decode(to_bytes(v)))
    except _Corrupt as e:
        return f"illegal base64 data at input byte {e.offset}"


@gofunc("b32enc", params=("string",), returns="string", has_error=False,
        signature="b32enc STRING", doc="Base32-encodes STRING (standard alphabet, padded).")
def b32enc(v: str) -> str:
    return base64.b32encode(to_bytes(v)).decode("ascii")


@gofunc("b32dec", params=("string",), returns="string", has_error=False,
        signature="b32dec STRING", doc="Base32-decodes STRING; on invalid input returns Go's error text.")
def b32dec(v: str) -> str:
    try:
        return from_bytes(_b32decode(to_bytes(v)))
    except _Corrupt as e:
        return f"illegal base32 data at input byte {e.offset}"


@gofunc("sha1sum", params=("string",), returns="string", has_error=False,
        signature="sha1sum STRING", doc="Hex SHA-1 digest of STRING.")
def sha1sum(s: str) -> str:
    return hashlib.sha1(to_bytes(s)).hexdigest()


@gofunc("sha256sum", params=("string",), returns="string", has_error=False,
        signature="sha256sum STRING", doc="Hex SHA-256 digest of STRING.")
def sha256sum(s: str) -> str:
    return hashlib.sha256(to_bytes(s)).hexdigest()


@gofunc("sha512sum", params=("string",), returns="string", has_error=False,
        signature="sha512sum STRING", doc="Hex SHA-512 digest of STRING.")
def sha512sum(s: str) -> str:
    return hashlib.sha512(to_bytes(s)).hexdigest()


@gofunc("adler32sum", params=("string",), returns="string", has_error=False,
        signature="adler32sum STRING", doc="Adler-32 checksum of STRING, in decimal.")
def adler32sum(s: str) -> str:
    return str(zlib.adler32(to_bytes(s)))
