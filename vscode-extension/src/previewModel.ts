/**
 * The render preview's text and its line mapping to templates (no `vscode` import).
 *
 * `chartlsp.renderPreview` (docs/lsp.md) answers `{manifest, documents, error}`; each
 * document carries a `sourceMap` with one entry per rendered line that has an origin:
 * `outLine` (0-based, in the document's `text`) → `uri`/`file`/`line`/`character` of the
 * template text that produced the line's first non-blank character, `character` already in
 * the client's position encoding (UTF-16 for VS Code). The preview shows the documents in
 * order under a `---` / `# Source:` header, so a preview line is `outLine` plus the line
 * where its document's text starts.
 */

export type DocumentKind = "template" | "notes" | "values";

/** One `sourceMap` entry, as the server sends it. */
export interface LineOrigin {
  outLine: number;
  uri: string;
  /** Chart-relative, `/`-separated (`templates/_helpers.tpl`, `charts/sub/templates/x.yaml`). */
  file: string;
  line: number;
  character: number;
}

export interface PreviewDocument {
  source: string;
  kind: DocumentKind;
  uri: string | null;
  text: string;
  sourceMap: LineOrigin[];
}

export interface PreviewResponse {
  manifest?: string;
  documents?: PreviewDocument[];
  error?: string | null;
}

/** A document as laid out in the preview. */
export interface PreviewDoc extends PreviewDocument {
  /** Preview line of the document's first text line (its `---` header is two lines above). */
  firstLine: number;
  /** Number of preview lines the text takes. */
  lineCount: number;
}

export interface PreviewModel {
  text: string;
  docs: PreviewDoc[];
}

function lines(s: string): string[] {
  return s === "" ? [] : (s.endsWith("\n") ? s.slice(0, -1) : s).split("\n");
}

/** The header of a document: Helm's `# Source:` for rendered files, `--debug`'s title for the values. */
function header(d: PreviewDocument): string {
  return d.kind === "values" ? `# ${d.source}:` : `# Source: ${d.source}`;
}

/** The preview text and where each document sits in it. */
export function buildPreview(resp: PreviewResponse): PreviewModel {
  const out: string[] = [];
  if (resp.error) out.push(...resp.error.split("\n").map((l) => `# Error: ${l}`));
  const docs: PreviewDoc[] = [];
  if (resp.documents?.length) {
    for (const d of resp.documents) {
      out.push("---", header(d));
      const body = lines(d.text);
      docs.push({ ...d, sourceMap: d.sourceMap ?? [], firstLine: out.length, lineCount: body.length });
      out.push(...body);
    }
  } else if (resp.manifest) {
    out.push(...lines(resp.manifest));
  } else if (!resp.error) {
    out.push("# The chart rendered no manifests.");
  }
  return { text: out.length ? out.join("\n") + "\n" : "", docs };
}

/** Preview line of the `---` header of the document rendered from `helmName` (`<chart>/templates/x.yaml`). */
export function lineOfTemplate(model: PreviewModel, helmName: string): number | undefined {
  const doc = model.docs.find((d) => d.kind !== "values" && d.source === helmName);
  return doc && doc.firstLine - 2;
}

/** The template position that produced preview line `line` (undefined for headers, values and unmapped lines). */
export function renderedToTemplate(model: PreviewModel, line: number): LineOrigin | undefined {
  const doc = model.docs.find((d) => d.firstLine <= line && line < d.firstLine + d.lineCount);
  return doc?.sourceMap.find((e) => e.outLine === line - doc.firstLine);
}

/**
 * The preview line for template line `line` of chart-relative `file`: the first preview line
 * produced by that line, else the one produced by the nearest line of the file (earlier on a tie).
 */
export function templateToRendered(model: PreviewModel, file: string, line: number): number | undefined {
  let best: { line: number; dist: number; src: number } | undefined;
  for (const doc of model.docs) {
    for (const e of doc.sourceMap) {
      if (e.file !== file) continue;
      if (e.line === line) return doc.firstLine + e.outLine;
      const dist = Math.abs(e.line - line);
      if (!best || dist < best.dist || (dist === best.dist && e.line < best.src)) {
        best = { line: doc.firstLine + e.outLine, dist, src: e.line };
      }
    }
  }
  return best?.line;
}
