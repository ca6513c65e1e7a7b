import pytest
from lsprotocol import types as t
from pygls.workspace.position_codec import PositionCodec

from chartlsp.lsp.positions import LineIndex

TEXT = "a: 1\r\n# ü😀 {{ .Values.x }}\nlast"


@pytest.mark.parametrize("encoding,col", [("utf-16", 6), ("utf-8", 9), ("utf-32", 5)])
def test_offsets_round_trip_through_the_negotiated_encoding(encoding, col):
    index = LineIndex(TEXT, PositionCodec(encoding))
    offset = TEXT.index("{{")
    assert index.position(offset) == t.Position(line=1, character=col)
    assert index.offset(t.Position(line=1, character=col)) == offset


def test_line_ends_and_clamping():
    index = LineIndex(TEXT, PositionCodec("utf-16"))
    assert index.position(4) == t.Position(line=0, character=4)
    assert index.position(5) == t.Position(line=0, character=4)  # inside "\r\n"
    assert index.offset(t.Position(line=0, character=99)) == 4
    assert index.offset(t.Position(line=9, character=0)) == len(TEXT)
    assert index.position(len(TEXT)) == t.Position(line=2, character=4)
