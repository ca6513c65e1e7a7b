"""Load a chart directory or ``.tgz`` the way Helm's ``pkg/chart/loader`` does.

Nothing is written to disk: archives are read in memory with Helm's size
limits, and archive entries that could escape the chart (``..``, absolute
paths, links, devices) are refused with a message naming the entry.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import tarfile
import zlib
from typing import Any, Iterable, Mapping

from .dependencies import parse_semver
from .helmignore import Rules
from .model import Chart, ChartError, ChartObject

MAX_CHART_SIZE = 100 * 1024 * 1024  # Helm's MaxDecompressedChartSize
MAX_FILE_SIZE = 5 * 1024 * 1024  # Helm's MaxDecompressedFileSize
_BOM = b"\xef\xbb\xbf"
_STRING_FIELDS = ("name", "home", "version", "description", "icon", "apiVersion", "condition",
                  "tags", "appVersion", "kubeVersion", "type")
_SANITIZED = ("name", "description", "home", "icon", "condition", "tags", "appVersion", "kubeVersion")
_ALIAS_RE = re.compile(r"^[a-zA-Z0-9_-]+$")
_YAML_LINE_RE = re.compile(r"(?:yaml: )?line (\d+):")


def load_chart(path: str, overlay: Mapping[str, str] | None = None) -> Chart:
    """Load the chart at ``path`` (a directory or a gzipped tar archive).

    ``overlay`` maps absolute file paths to text that replaces the file's
    content on disk (an editor's unsaved buffers); it applies to files of a
    chart directory, not to archive entries.
    """
    if os.path.isdir(path):
        return _load_files(_read_dir(path, overlay or {}), path, None)
    if not os.path.isfile(path):
        raise ChartError(f"path {path!r} not found", file=path)
    with open(path, "rb") as fh:
        data = fh.read(MAX_CHART_SIZE + 1)
    return load_archive(data, path)


def load_archive(data: bytes, source: str = "<archive>", parent: Chart | None = None) -> Chart:
    """Load a chart from the bytes of a ``.tgz``."""
    if data[:2] != b"\x1f\x8b":
        raise ChartError(f"file '{source}' does not appear to be a gzipped archive; got "
                         f"'{_sniff(data)}'", file=source)
    return _load_files(_read_archive(data, source), source, parent)


def _sniff(data: bytes) -> str:
    if not data:
        return "text/plain; charset=utf-8"
    return "application/octet-stream" if b"\0" in data[:512] else "text/plain; charset=utf-8"


def ignore_rules(top: str) -> Rules:
    """The chart directory's .helmignore rules (if any) with Helm's defaults added."""
    rules = Rules()
    ignore_file = os.path.join(top, ".helmignore")
    if os.path.isfile(ignore_file):
        with open(ignore_file, encoding="utf-8", errors="surrogateescape") as fh:
            rules = Rules.parse(fh.read(), ignore_file)
    rules.add_defaults()
    return rules


def _read_dir(top: str, overlay: Mapping[str, str]) -> list[tuple[str, bytes]]:
    """Walk ``top`` in lexical order (following links, as Helm does) applying .helmignore."""
    top = os.path.abspath(top)
    rules = ignore_rules(top)
    out: list[tuple[str, bytes]] = []
    seen: set[str] = {os.path.realpath(top)}
    total = 0

    def walk(abs_dir: str, rel: str) -> None:
        nonlocal total
        try:
            names = sorted(os.listdir(abs_dir))
        except OSError as e:
            raise ChartError(str(e), file=abs_dir) from None
        for name in names:
            abs_path = os.path.join(abs_dir, name)
            rel_path = f"{rel}{name}"
            try:
                st = os.stat(abs_path)  # follows links, like sympath.Walk
            except OSError:
                raise ChartError(f"broken symbolic link in chart: {rel_path}", file=abs_path) from None
            if stat.S_ISDIR(st.st_mode):
                if rules.ignore(rel_path, True):
                    continue
                real = os.path.realpath(abs_path)
                if real in seen:
                    raise ChartError(f"symbolic link cycle in chart at {rel_path}", file=abs_path)
                seen.add(real)
                walk(abs_path, rel_path + "/")
                seen.discard(real)
                continue
            if rules.ignore(rel_path, False):
                continue
            if not stat.S_ISREG(st.st_mode):
                raise ChartError(f"cannot load irregular file {abs_path} as it has file mode type bits set",
                                 file=abs_path)
            if st.st_size > MAX_FILE_SIZE:
                raise ChartError(f"chart file {name!r} is larger than the maximum file size {MAX_FILE_SIZE}",
                                 file=abs_path)
            total += st.st_size
            if total > MAX_CHART_SIZE:
                raise ChartError(f"chart is larger than the maximum size {MAX_CHART_SIZE}", file=abs_path)
            text = overlay.get(abs_path)
            if text is not None:
                data = text.encode("utf-8", "surrogateescape")
            else:
                with open(abs_path, "rb") as fh:
                    data = fh.read()
            out.append((rel_path, data[3:] if data.startswith(_BOM) else data))

    walk(top, "")
    return out


def _read_archive(data: bytes, source: str) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    remaining = MAX_CHART_SIZE
    try:
        tar = tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
    except (tarfile.TarError, gzip.BadGzipFile, EOFError, OSError) as e:
        raise ChartError(f"cannot read archive: {e}", file=source) from None
    with tar:
        try:
            for m in tar:
                if m.isdir() or m.type in (tarfile.XHDTYPE, tarfile.XGLTYPE):
                    continue
                name = m.name
                if m.issym() or m.islnk():
                    raise ChartError(f"chart archive entry {name!r} is a link; links are not allowed", file=source)
                if not m.isreg():
                    raise ChartError(f"chart archive entry {name!r} is not a regular file", file=source)
                rel = _archive_path(name, source)
                if m.size > MAX_FILE_SIZE:
                    raise ChartError(f"decompressed chart file {rel!r} is larger than the maximum file size "
                                     f"{MAX_FILE_SIZE}", file=source)
                if m.size > remaining:
                    raise ChartError(f"decompressed chart is larger than the maximum size {MAX_CHART_SIZE}",
                                     file=source)
                remaining -= m.size
                fh = tar.extractfile(m)
                body = fh.read() if fh else b""
                out.append((rel, body[3:] if body.startswith(_BOM) else body))
        except (tarfile.TarError, gzip.BadGzipFile, EOFError, zlib.error) as e:
            raise ChartError(f"cannot read archive: {e}", file=source) from None
    if not out:
        raise ChartError("no files in chart archive", file=source)
    return out


def _archive_path(name: str, source: str) -> str:
    """The chart-relative path of a tar entry (first component dropped), refusing escapes."""
    delim = "\\" if "\\" in name else "/"
    parts = name.split(delim)
    if name.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:", name) or ".." in parts:
        raise ChartError(f"chart archive entry {name!r} escapes the chart directory", file=source)
    if parts[0] == "Chart.yaml":
        raise ChartError("chart yaml not in base directory", file=source)
    rel = os.path.normpath("/".join(parts[1:])).replace(os.sep, "/") if len(parts) > 1 else "."
    if rel in (".", "") or rel.startswith(".."):
        raise ChartError(f"chart illegally contains content outside the base directory: {name!r}", file=source)
    return rel


def _yaml_error(e: Exception, file: str, prefix: str) -> ChartError:
    msg = str(e)
    line = getattr(e, "line", None)  # 0-based, as goyaml reports it
    if line is None:
        m = _YAML_LINE_RE.search(msg)
        line = int(m.group(1)) - 1 if m else None  # the message counts from 1
    return ChartError(msg, file=file, line=line, prefix=prefix)


def _goyaml() -> Any:
    from ..encoding import goyaml
    return goyaml


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _json_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "string"


def _check_metadata(md: Any, file: str) -> dict:
    """Reject what json.Unmarshal into chart.Metadata would, with its message."""
    if md is None:
        md = {}
    if not isinstance(md, dict):
        raise ChartError(f"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                         f"{_json_kind(md)} into Go value of type chart.Metadata", file=file,
                         prefix="cannot load Chart.yaml")

    def bad(field: str, v: Any, want: str, struct: str = "Metadata") -> ChartError:
        return ChartError(f"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                          f"{_json_kind(v)} into Go struct field {struct}.{field} of type {want}",
                          file=file, prefix="cannot load Chart.yaml")

    for key in _STRING_FIELDS:
        v = md.get(key)
        if v is not None and not isinstance(v, str):
            raise bad(key, v, "string")
    for key in ("sources", "keywords"):
        v = md.get(key)
        if v is not None and (not isinstance(v, list) or not all(isinstance(x, str) or x is None for x in v)):
            raise bad(key, v, "[]string" if not isinstance(v, list) else "string")
    if md.get("deprecated") is not None and not isinstance(md["deprecated"], bool):
        raise bad("deprecated", md["deprecated"], "bool")
    ann = md.get("annotations")
    if ann is not None and (not isinstance(ann, dict) or not all(isinstance(x, str) for x in ann.values())):
        raise bad("annotations", ann, "map[string]string" if not isinstance(ann, dict) else "string")
    for key, struct in (("maintainers", "Maintainer"), ("dependencies", "Dependency")):
        v = md.get(key)
        if v is None:
            continue
        if not isinstance(v, list):
            raise bad(key, v, f"[]*chart.{struct}")
        for item in v:
            if item is not None and not isinstance(item, dict):
                raise bad(key, item, f"chart.{struct}")
    return md


def _sanitize(s: str) -> str:
    """Helm's sanitizeString: whitespace becomes a space, unprintable runes are dropped."""
    if s.isprintable() and "\t" not in s:
        return s
    return "".join(" " if c.isspace() else c for c in s if c.isspace() or c.isprintable())


def _validate(md: dict, file: str) -> None:
    def err(msg: str) -> ChartError:
        return ChartError(f"validation: {msg}", file=file)

    for key in _SANITIZED:
        if isinstance(md.get(key), str):
            md[key] = _sanitize(md[key])
    for key in ("sources", "keywords"):
        if md.get(key):
            md[key] = [_sanitize(x or "") for x in md[key]]
    if not md.get("apiVersion"):
        raise err("chart.metadata.apiVersion is required")
    name = md.get("name") or ""
    if not name:
        raise err("chart.metadata.name is required")
    if name != os.path.basename(name) or "\\" in name:
        raise err(f"chart.metadata.name {_goq(name)} is invalid")
    version = md.get("version") or ""
    if not version:
        raise err("chart.metadata.version is required")
    if parse_semver(version) is None:
        raise err(f"chart.metadata.version {_goq(version)} is invalid")
    if md.get("type") not in (None, "", "application", "library"):
        raise err("chart.metadata.type must be application or library")
    for m in md.get("maintainers") or ():
        if m is None:
            raise err("maintainers must not contain empty or null nodes")
    seen: set[str] = set()
    for d in md.get("dependencies") or ():
        if d is None:
            raise err("dependencies must not contain empty or null nodes")
        alias = d.get("alias") or ""
        if alias and not _ALIAS_RE.match(str(alias)):
            raise err(f"dependency {_goq(str(d.get('name') or ''))} has disallowed characters in the alias")
        key = alias or d.get("name") or ""
        if key in seen:
            raise err(f"more than one dependency with name or alias {_goq(key)}")
        seen.add(key)


def _goq(s: str) -> str:
    """Go's %q for plain strings (enough for names and versions)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _load_files(files: Iterable[tuple[str, bytes]], source: str, parent: Chart | None) -> Chart:
    """Classify chart files as Helm's LoadFiles does and build the Chart."""
    files = list(files)
    goyaml = _goyaml()
    md: dict | None = None
    for name, data in files:
        if name == "Chart.yaml":
            try:
                raw = goyaml.load_chart_yaml(_text(data))
            except Exception as e:  # YAMLError: Helm's message
                raise _yaml_error(e, os.path.join(source, name), "cannot load Chart.yaml") from None
            md = dict(_check_metadata(raw, os.path.join(source, name)))
            if not md.get("apiVersion"):
                md["apiVersion"] = "v1"
    templates: dict[str, str] = {}
    chart_files: dict[str, bytes] = {}
    values: dict = {}
    values_text: str | None = None
    schema: bytes | None = None
    subcharts: dict[str, list[tuple[str, bytes]]] = {}
    for name, data in files:
        if name == "Chart.yaml" or name == "Chart.lock":
            continue
        if name == "values.yaml":
            values_text = _text(data)
            values = parse_values(values_text, os.path.join(source, name))
        elif name == "values.schema.json":
            schema = data
        elif name in ("requirements.yaml", "requirements.lock"):
            if md is None:
                md = {}
            if name == "requirements.yaml":
                try:
                    req = goyaml.load_chart_yaml(_text(data))
                except Exception as e:
                    raise _yaml_error(e, os.path.join(source, name), "cannot load requirements.yaml") from None
                if isinstance(req, dict) and "dependencies" in req:
                    md["dependencies"] = _check_metadata({"dependencies": req["dependencies"]},
                                                         os.path.join(source, name))["dependencies"]
            if md.get("apiVersion") == "v1":
                chart_files[name] = data
        elif name.startswith("templates/"):
            templates[name] = _text(data)
        elif name.startswith("charts/"):
            if name.endswith(".prov"):
                chart_files[name] = data
                continue
            sub = name[len("charts/"):]
            cname = sub.split("/", 1)[0]
            if cname[:1] in (".", "_"):
                continue
            subcharts.setdefault(cname, []).append((sub, data))
        else:
            chart_files[name] = data
    if md is None:
        raise ChartError("Chart.yaml file is missing", file=os.path.join(source, "Chart.yaml"))
    _validate(md, os.path.join(source, "Chart.yaml"))
    chart = Chart(
        name=md["name"], metadata=md, chart_obj=ChartObject(md, parent is None), templates=templates,
        values=values, values_text=values_text, schema=schema,
        files=chart_files, source=source, parent=parent,
        is_library=str(md.get("type") or "").lower() == "library",
    )
    for cname in sorted(subcharts):
        entries = subcharts[cname]
        sub_source = os.path.join(source, "charts", cname)
        try:
            if cname.endswith(".tgz"):
                if entries[0][0] != cname:
                    raise ChartError(f"error unpacking subchart tar in {chart.name}: expected {cname}, "
                                     f"got {entries[0][0]}", file=sub_source)
                sc = load_archive(entries[0][1], sub_source, chart)
            else:
                inner = [(n.split("/", 1)[1], d) for n, d in entries if "/" in n]
                sc = _load_files(inner, sub_source, chart)
        except ChartError as e:
            raise subchart_error(e, cname, chart.name) from None
        chart.dependencies.append(sc)
    return chart


def parse_values(text: str, file: str) -> dict:
    """A chart's values.yaml ``text`` as the loader decodes it (``file`` names it in the error).

    Shared with callers that lay an edited values.yaml over an already loaded
    chart, so they refuse and decode exactly what loading again would.
    """
    try:
        values = _goyaml().load_map(text)
    except Exception as e:
        raise _yaml_error(e, file, "cannot load values.yaml") from None
    return values if isinstance(values, dict) else {}


def subchart_error(e: ChartError, cname: str, parent_name: str) -> ChartError:
    """``e`` from loading subchart ``cname`` (its charts/ entry) of ``parent_name``, worded as Helm wraps it.

    Only the innermost subchart names itself: an already wrapped error passes through.
    """
    if e.prefix and e.prefix.startswith("error unpacking subchart"):
        return e
    prefix = f"error unpacking subchart {cname} in {parent_name}" + (f": {e.prefix}" if e.prefix else "")
    return ChartError(e.message, e.file, e.line, e.column, prefix=prefix)
