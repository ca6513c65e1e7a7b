"""A minimal synchronous LSP client over a ``chartlsp serve`` subprocess, for the fuzz and
cancellation tests: they need exact control over what is sent when (no client library queueing)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from typing import Any

from lsprotocol import converters, types as t

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONVERTER = converters.get_converter()


class RawClient:
    """Requests by id, responses matched by id; notifications kept; server requests answered null."""

    def __init__(self, workspace: str) -> None:
        env = {**os.environ, "PYTHONPATH": os.path.join(ROOT, "server")}
        self.proc = subprocess.Popen([sys.executable, "-m", "chartlsp.cli.main", "serve"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        self.inbox: queue.Queue = queue.Queue()
        self.responses: dict[Any, dict] = {}
        self.notifications: list[dict] = []
        self._next = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": "file://" + workspace, "capabilities": {},
                                    "workspaceFolders": [{"uri": "file://" + workspace, "name": "ws"}]})
        self.notify("initialized", {})

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length or 0)))

    def send(self, msg: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **msg}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def start(self, method: str, params: Any) -> int:
        """Send a request without waiting; its id."""
        self._next += 1
        self.send({"id": self._next, "method": method, "params": params})
        return self._next

    def wait(self, rid: int, timeout: float = 20) -> dict:
        """The response message to request ``rid``."""
        while rid not in self.responses:
            msg = self.inbox.get(timeout=timeout)
            if msg is None:
                raise AssertionError("the server closed its output (it died)")
            if "id" in msg and "method" in msg:
                self.send({"id": msg["id"], "result": None})
            elif "id" in msg:
                self.responses[msg["id"]] = msg
            else:
                self.notifications.append(msg)
        return self.responses.pop(rid)

    def request(self, method: str, params: Any) -> Any:
        """Send a request and return its result; a JSON-RPC error fails the caller."""
        msg = self.wait(self.start(method, params))
        assert "error" not in msg, msg
        return msg.get("result")

    def typed_result(self, method: str, result: Any) -> Any:
        """The result structured as the protocol's type for ``method`` (raises if malformed)."""
        response_type = t.METHOD_TO_TYPES[method][1]
        return CONVERTER.structure({"jsonrpc": "2.0", "id": 1, "result": result}, response_type).result

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                self.request("shutdown", None)
                self.notify("exit", None)
                self.proc.wait(timeout=10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
