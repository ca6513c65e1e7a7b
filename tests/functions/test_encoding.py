"""Base64/base32 with Go's error texts, and checksums."""

import pytest

from chartlsp.functions import encoding as E

CASES = [
    (E.b64enc, "hello world", "aGVsbG8gd29ybGQ="), (E.b64enc, "", ""), (E.b64enc, "é", "w6k="),
    (E.b64dec, "aGVsbG8gd29ybGQ=", "hello world"), (E.b64dec, "w6k=", "é"), (E.b64dec, "", ""),
    (E.b64dec, "aGk=\naGk=", "illegal base64 data at input byte 5"),
    (E.b64dec, "aG\r\nk=", "hi"),
    (E.b64dec, "not*base64", "illegal base64 data at input byte 3"),
    (E.b64dec, "abc", "illegal base64 data at input byte 0"),
    (E.b64dec, "aGk", "illegal base64 data at input byte 0"),
    (E.b64dec, "aGVsbG8", "illegal base64 data at input byte 4"),
    (E.b64dec, "a===", "illegal base64 data at input byte 1"),
    (E.b64dec, "aG==x", "illegal base64 data at input byte 4"),
    (E.b64dec, "aG=", "illegal base64 data at input byte 3"),
    (E.b64dec, "aG=x", "illegal base64 data at input byte 2"),
    (E.b64dec, "/w==", "\udcff"),
    (E.b32enc, "hi", "NBUQ===="), (E.b32enc, "", ""),
    (E.b32dec, "NBUQ====", "hi"), (E.b32dec, "NBUQ", "illegal base32 data at input byte 0"),
    (E.b32dec, "NB1Q====", "illegal base32 data at input byte 2"),
    (E.b32dec, "N=======", "illegal base32 data at input byte 1"),
    (E.b32dec, "NBUQ===", "illegal base32 data at input byte 7"),
    (E.b32dec, "NBUQ=x==", "illegal base32 data at input byte 4"),
    (E.b32dec, "NBUQ\n====", "hi"),
    (E.sha1sum, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
    (E.sha256sum, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (E.sha256sum, "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    (E.sha512sum, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                         "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
    (E.adler32sum, "Wikipedia", "300286872"),
]


@pytest.mark.parametrize("fn,arg,want", CASES)
def test_encoding(fn, arg, want):
    assert fn(arg) == want
