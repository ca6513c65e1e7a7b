/**
 * The render preview's text and its mapping to templates (no `vscode` import).
 *
 * `chartlsp.renderPreview` (DESIGN.md) answers `{manifest, documents: [{source,
 * text, sourceMap}], error}`. The preview shows the documents in order, each
 * under Helm's `---` / `# Source:` header, so the offset of every rendered
 * character is known and the source map can be followed both ways. Source-map
 * entries mirror the server's `(out_start, out_end, file, src_start, src_end)`
 * in Python character (code point) offsets, as arrays or as objects.
 */

export interface PreviewResponse {
  manifest?: string;
  documents?: { source: string; text: string; sourceMap?: unknown }[];
  error?: string | null;
}

export interface MapEntry {
  outStart: number;
  outEnd: number;
  file: string;
  srcStart: number;
  srcEnd: number;
}

export interface PreviewDoc {
  source: string;
  /** UTF-16 offset of the document's first rendered character in the preview text. */
  start: number;
  text: string;
  entries: MapEntry[];
}

export interface PreviewModel {
  text: string;
  docs: PreviewDoc[];
}

export interface TemplatePosition {
  file: string;
  /** Code-point offset into the template text. */
  offset: number;
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** Entries of one document's source map; unknown shapes give no entries (the preview still shows). */
export function parseSourceMap(raw: unknown, defaultFile: string): MapEntry[] {
  const list = Array.isArray(raw) ? raw : raw && typeof raw === "object" && Array.isArray((raw as { entries?: unknown }).entries)
    ? (raw as { entries: unknown[] }).entries : [];
  const out: MapEntry[] = [];
  for (const e of list) {
    let entry: (Partial<Omit<MapEntry, "file">> & { file?: unknown }) | undefined;
    if (Array.isArray(e)) {
      entry = { outStart: num(e[0]), outEnd: num(e[1]), file: e[2], srcStart: num(e[3]), srcEnd: num(e[4]) };
    } else if (e && typeof e === "object") {
      const o = e as Record<string, unknown>;
      entry = { outStart: num(o.outStart), outEnd: num(o.outEnd), file: o.file ?? o.source,
        srcStart: num(o.srcStart), srcEnd: num(o.srcEnd) };
    }
    if (!entry || entry.outStart === undefined || entry.outEnd === undefined ||
        entry.srcStart === undefined || entry.srcEnd === undefined) continue;
    out.push({ outStart: entry.outStart, outEnd: entry.outEnd, srcStart: entry.srcStart, srcEnd: entry.srcEnd,
      file: typeof entry.file === "string" ? entry.file : defaultFile });
  }
  return out.sort((a, b) => a.outStart - b.outStart);
}

/** The preview text and where each document sits in it. */
export function buildPreview(resp: PreviewResponse): PreviewModel {
  let text = "";
  if (resp.error) text += resp.error.split("\n").map((l) => `# Error: ${l}`).join("\n") + "\n";
  const docs: PreviewDoc[] = [];
  if (resp.documents && resp.documents.length) {
    for (const d of resp.documents) {
      text += `---\n# Source: ${d.source}\n`;
      docs.push({ source: d.source, start: text.length, text: d.text, entries: parseSourceMap(d.sourceMap, d.source) });
      text += d.text.endsWith("\n") || d.text === "" ? d.text : d.text + "\n";
    }
  } else if (resp.manifest) {
    text += resp.manifest;
  } else if (!resp.error) {
    text += "# The chart rendered no manifests.\n";
  }
  return { text, docs };
}

/** Code-point offset → UTF-16 offset in `s`. */
export function cpToUtf16(s: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return i;
}

/** UTF-16 offset → code-point offset in `s`. */
export function utf16ToCp(s: string, u: number): number {
  let n = 0;
  for (let i = 0; i < u && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return n;
}

export function lineStarts(s: string): number[] {
  const out = [0];
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) out.push(i + 1);
  return out;
}

export function offsetAt(s: string, line: number, character: number): number {
  const starts = lineStarts(s);
  const l = Math.max(0, Math.min(line, starts.length - 1));
  return Math.min(starts[l] + character, s.length);
}

export function positionAt(s: string, offset: number): { line: number; character: number } {
  const starts = lineStarts(s);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/** True when a document's `source` names the template (Helm name, chart-relative or absolute path). */
export function sameTemplate(source: string, helmName: string): boolean {
  const norm = (p: string) => p.replace(/\\/g, "/");
  const a = norm(source);
  const b = norm(helmName);
  if (a === b) return true;
  const rel = b.split("/").slice(1).join("/");
  return a === rel || a.endsWith("/" + b) || (rel !== "" && a.endsWith("/" + rel) && !a.includes("/charts/"));
}

/** Line of the preview where the first document rendered from `helmName` starts (its `---` line). */
export function lineOfTemplate(model: PreviewModel, helmName: string): number | undefined {
  const doc = model.docs.find((d) => sameTemplate(d.source, helmName));
  if (!doc) return undefined;
  return Math.max(0, positionAt(model.text, doc.start).line - 2);
}

/** The template position behind a preview position. */
export function renderedToTemplate(model: PreviewModel, line: number, character: number): TemplatePosition | undefined {
  const off = offsetAt(model.text, line, character);
  const doc = [...model.docs].reverse().find((d) => d.start <= off);
  if (!doc || off > doc.start + doc.text.length) return undefined;
  const cp = utf16ToCp(doc.text, off - doc.start);
  const entry = doc.entries.find((e) => e.outStart <= cp && cp < e.outEnd) ??
    doc.entries.find((e) => e.outStart === cp && e.outEnd === cp);
  if (!entry) {
    // Past the last mapped character of the line (e.g. a trailing newline): use the line's last entry.
    const before = doc.entries.filter((e) => e.outEnd <= cp).pop();
    return before ? { file: before.file, offset: before.srcEnd } : undefined;
  }
  const literal = entry.outEnd - entry.outStart === entry.srcEnd - entry.srcStart;
  return { file: entry.file, offset: literal ? entry.srcStart + (cp - entry.outStart) : entry.srcStart };
}

/** The preview offset of the first rendered character produced by template offset `offset` of `helmName`. */
export function templateToRendered(model: PreviewModel, helmName: string, offset: number): number | undefined {
  let best: { doc: PreviewDoc; entry: MapEntry; dist: number } | undefined;
  for (const doc of model.docs) {
    for (const e of doc.entries) {
      if (!sameTemplate(e.file, helmName)) continue;
      const inside = e.srcStart <= offset && offset < Math.max(e.srcEnd, e.srcStart + 1);
      const dist = inside ? 0 : Math.min(Math.abs(e.srcStart - offset), Math.abs(e.srcEnd - offset));
      if (!best || dist < best.dist) best = { doc, entry: e, dist };
      if (inside) break;
    }
    if (best && best.dist === 0) break;
  }
  if (!best) return undefined;
  const { doc, entry } = best;
  const literal = entry.outEnd - entry.outStart === entry.srcEnd - entry.srcStart;
  const cp = literal && best.dist === 0 ? entry.outStart + (offset - entry.srcStart) : entry.outStart;
  return doc.start + cpToUtf16(doc.text, cp);
}

/** Template file on disk for a Helm template name (`<chart>/templates/x.yaml`, `<chart>/charts/<sub>/...`). */
export function templateFile(chartDir: string, helmName: string, join: (...p: string[]) => string): string {
  const parts = helmName.replace(/\\/g, "/").split("/");
  return join(chartDir, ...parts.slice(1));
}
