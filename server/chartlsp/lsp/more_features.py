"""Semantic tokens, inlay hints, code actions and the ``chartlsp.renderPreview`` command: pygls glue only.

Registered on the one :data:`~chartlsp.lsp.server.server` when
:mod:`chartlsp.lsp.server` imports this module; every handler converts the
plain results of :mod:`chartlsp.features` to protocol types in the
client's position encoding.
"""

from __future__ import annotations

import os
from typing import Any

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.uris import from_fs_path

from ..features.code_actions import code_actions
from ..features.inlay_hints import inlay_hints
from ..features.preview import Preview, render_preview
from ..features.semantic_tokens import TOKEN_MODIFIERS, TOKEN_TYPES, Token, semantic_tokens
from .positions import LineIndex
from .server import ChartLanguageServer, _document, _guard, _Indexes, _path, server

RENDER_PREVIEW = "chartlsp.renderPreview"
_TYPES = {"macro": types.SemanticTokenTypes.Macro, "keyword": types.SemanticTokenTypes.Keyword,
          "function": types.SemanticTokenTypes.Function, "variable": types.SemanticTokenTypes.Variable,
          "property": types.SemanticTokenTypes.Property, "string": types.SemanticTokenTypes.String,
          "number": types.SemanticTokenTypes.Number, "comment": types.SemanticTokenTypes.Comment,
          "operator": types.SemanticTokenTypes.Operator}
_MODIFIERS = {"declaration": types.SemanticTokenModifiers.Declaration,
              "defaultLibrary": types.SemanticTokenModifiers.DefaultLibrary}
LEGEND = types.SemanticTokensLegend(token_types=[_TYPES[t].value for t in TOKEN_TYPES],
                                    token_modifiers=[_MODIFIERS[m].value for m in TOKEN_MODIFIERS])
_TYPE_INDEX = {t: i for i, t in enumerate(TOKEN_TYPES)}
_MOD_BIT = {m: 1 << i for i, m in enumerate(TOKEN_MODIFIERS)}


def encode_tokens(tokens: list[Token], index: LineIndex) -> list[int]:
    """LSP's relative integer encoding (line delta, start delta, length, type, modifiers) in client units."""
    data: list[int] = []
    prev_line = prev_char = 0
    for tok in tokens:
        r = index.range(tok.start, tok.end)
        line, char = r.start.line, r.start.character
        length = r.end.character - char
        if length <= 0 or r.end.line != line:
            continue
        mods = 0
        for m in tok.modifiers:
            mods |= _MOD_BIT[m]
        data += [line - prev_line, char - prev_char if line == prev_line else char, length, _TYPE_INDEX[tok.type], mods]
        prev_line, prev_char = line, char
    return data


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, LEGEND)
@_guard(None)
async def on_semantic_tokens_full(ls: ChartLanguageServer,
                                  params: types.SemanticTokensParams) -> types.SemanticTokens | None:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    _, analysis, path, text, index = doc
    tokens = await ls.run(semantic_tokens, analysis, path, text)
    return types.SemanticTokens(data=encode_tokens(tokens, index))


@server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_RANGE, LEGEND)
@_guard(None)
async def on_semantic_tokens_range(ls: ChartLanguageServer,
                                   params: types.SemanticTokensRangeParams) -> types.SemanticTokens | None:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    _, analysis, path, text, index = doc
    tokens = await ls.run(semantic_tokens, analysis, path, text, index.offset(params.range.start),
                          index.offset(params.range.end))
    return types.SemanticTokens(data=encode_tokens(tokens, index))


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False))
@_guard(None)
async def on_inlay_hint(ls: ChartLanguageServer, params: types.InlayHintParams) -> list[types.InlayHint] | None:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    _, analysis, path, text, index = doc
    hints = await ls.run(inlay_hints, analysis, path, text, index.offset(params.range.start),
                         index.offset(params.range.end))
    return [types.InlayHint(position=index.position(h.offset), label=h.label, kind=types.InlayHintKind.Type,
                            tooltip=h.tooltip, padding_left=True) for h in hints]


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
@_guard(None)
async def on_code_action(ls: ChartLanguageServer, params: types.CodeActionParams) -> list[types.CodeAction] | None:
    doc = _document(ls, params.text_document.uri)
    if doc is None:
        return None
    snap, analysis, path, text, index = doc
    only = params.context.only
    if only and not any(k == types.CodeActionKind.QuickFix or types.CodeActionKind.QuickFix.startswith(k)
                        for k in only):
        return None
    found = await ls.run(code_actions, analysis, path, text, index.offset(params.range.start),
                         index.offset(params.range.end))
    lines = _Indexes(ls, snap, path, index)
    document_changes = get_capability(ls.client_capabilities, "workspace.workspace_edit.document_changes", False)
    versions = {u: d.version for u, d in ls.workspace.text_documents.items()}
    out = []
    for ca in found:
        by_uri = {uri: [types.TextEdit(range=lines(p).range(e.start, e.end), new_text=e.new_text) for e in es]
                  for p, es in sorted(ca.edits.items()) if (uri := from_fs_path(p))}
        if document_changes:
            edit = types.WorkspaceEdit(document_changes=[
                types.TextDocumentEdit(text_document=types.OptionalVersionedTextDocumentIdentifier(
                    uri=u, version=versions.get(u)), edits=es) for u, es in by_uri.items()])
        else:
            edit = types.WorkspaceEdit(changes=by_uri)
        diag = ls._diagnostic(ca.diagnostic, index, snap, path, False)
        out.append(types.CodeAction(title=ca.title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                                    is_preferred=ca.preferred, edit=edit))
    return out


def _preview_json(ls: ChartLanguageServer, preview: Preview, snap: Any, chart_dir: str) -> dict:
    lines = _Indexes(ls, snap, "", LineIndex("", ls.codec()))
    docs = []
    for d in preview.documents:
        smap = []
        for o in d.source_map:
            pos = lines(o.path).position(o.offset)
            smap.append({"outLine": o.out_line, "uri": from_fs_path(o.path),
                         "file": os.path.relpath(o.path, chart_dir).replace(os.sep, "/"),
                         "line": pos.line, "character": pos.character})
        docs.append({"source": d.source, "kind": d.kind, "uri": from_fs_path(d.path) if d.path else None,
                     "text": d.text, "sourceMap": smap})
    return {"manifest": preview.manifest, "documents": docs, "error": preview.error}


@server.command(RENDER_PREVIEW)
async def render_preview_command(ls: ChartLanguageServer, *args: Any) -> dict:
    """``[{"uri": any file of the chart, "valuesFiles": [paths]?}]`` → the preview as JSON (see docs/lsp.md)."""
    try:
        arg = args[0] if args else None
        if not isinstance(arg, dict) or not isinstance(arg.get("uri"), str):
            return {"manifest": "", "documents": [], "error": 'expected one argument {"uri": ..., "valuesFiles": [...]}'}
        files = arg.get("valuesFiles")
        if files is not None and not (isinstance(files, list) and all(isinstance(f, str) for f in files)):
            return {"manifest": "", "documents": [], "error": "valuesFiles must be a list of paths"}
        path = _path(arg["uri"])
        snap = ls.snapshot()
        analysis = snap.analysis_for(path) if path else None
        if analysis is None or path is None:
            return {"manifest": "", "documents": [], "error": f"{arg['uri']} is not a file of a chart"}
        preview = await ls.run(render_preview, analysis, path, files)
        return await ls.run(_preview_json, ls, preview, snap, analysis.dir)
    except Exception as e:  # the server never dies of a bad request: the error goes back in the result
        ls.log(f"chartlsp: {RENDER_PREVIEW} failed: {type(e).__name__}: {e}", types.MessageType.Error)
        return {"manifest": "", "documents": [], "error": f"{type(e).__name__}: {e}"}


__all__ = ["LEGEND", "RENDER_PREVIEW", "encode_tokens"]
