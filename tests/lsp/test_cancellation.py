"""``$/cancelRequest``: a cancelled request is answered (result or RequestCancelled) and the
server stays responsive: the next request gets its normal answer."""

from __future__ import annotations

import os

from .rawclient import RawClient

CHART = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "web")
DEPLOY = os.path.join(CHART, "templates", "deploy.yaml")
REQUEST_CANCELLED = -32800


def test_cancelled_request_then_next_is_answered():
    client = RawClient(CHART)
    try:
        with open(DEPLOY, encoding="utf-8") as fh:
            text = fh.read()
        doc = {"uri": "file://" + DEPLOY}
        client.notify("textDocument/didOpen", {"textDocument": {**doc, "languageId": "helm", "version": 1,
                                                                "text": text}})
        line = text.split("\n")[6]
        pos = {"line": 6, "character": line.index(".Values.") + len(".Values.")}
        cancelled = [client.start("textDocument/completion", {"textDocument": doc, "position": pos})
                     for _ in range(5)]
        for rid in cancelled:
            client.notify("$/cancelRequest", {"id": rid})
        for rid in cancelled:
            msg = client.wait(rid)
            if "error" in msg:
                assert msg["error"]["code"] == REQUEST_CANCELLED
            else:
                assert [i["label"] for i in msg["result"]["items"]][:2] == ["replicas", "image"]
        result = client.request("textDocument/completion", {"textDocument": doc, "position": pos})
        assert [i["label"] for i in result["items"]][:2] == ["replicas", "image"]
        hover = client.request("textDocument/hover", {"textDocument": doc,
                                                     "position": {"line": 17, "character": text.split("\n")[17].index("tag }}")}})
        assert "**.Values.image.tag**" in hover["contents"]["value"]
        assert client.proc.poll() is None
    finally:
        client.close()
