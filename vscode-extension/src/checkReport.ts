/** `Chart: Check Chart`: one chart's `chartlsp check --format json` report, grouped per file (no `vscode` import). */
import * as path from "path";

/** One entry of the report's `diagnostics` (1-based lines and columns, `file` relative to the chart). */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: string;
  code?: string;
  message: string;
}

export interface CheckReport {
  diagnostics?: Finding[];
}

/** A finding's range, 0-based: start line, start character, end line, end character. */
export function zeroBasedRange(d: Finding): [number, number, number, number] {
  return [Math.max(0, d.line - 1), Math.max(0, d.column - 1),
    Math.max(0, (d.endLine ?? d.line) - 1), Math.max(0, (d.endColumn ?? d.column) - 1)];
}

/**
 * The report's findings per absolute file, leaving out the files the server already
 * reports live: the server is authoritative for them (it sees unsaved edits), and
 * adding the check's copy would list every problem twice in the Problems panel.
 */
export function findingsByFile(report: CheckReport, chartDir: string, live: (file: string) => boolean): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const d of report.diagnostics ?? []) {
    const file = path.isAbsolute(d.file) ? d.file : path.join(chartDir, d.file);
    if (live(file)) continue;
    byFile.set(file, [...(byFile.get(file) ?? []), d]);
  }
  return byFile;
}
