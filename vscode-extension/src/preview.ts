/** `Chart: Render Preview`: a read-only virtual document per chart, re-rendered as you type. */
import * as path from "path";
import * as vscode from "vscode";
import { chartName, chartRoot, valuesFileCandidates } from "./charts";
import {
  PreviewModel, PreviewResponse, buildPreview, lineOfTemplate, renderedToTemplate, templateToRendered,
} from "./previewModel";

export const SCHEME = "chartlsp-preview";
export type Render = (args: { uri: string; valuesFiles?: string[] }) => Promise<PreviewResponse>;

interface State {
  chartDir: string;
  name: string;
  model: PreviewModel;
  valuesFiles?: string[];
  timer?: NodeJS.Timeout;
}

export class PreviewProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly states = new Map<string, State>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly render: Render, private readonly delayMs = 300) {
    this.subs.push(vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e.document.uri)));
  }

  static uriFor(chartDir: string, name: string): vscode.Uri {
    return vscode.Uri.from({ scheme: SCHEME, path: `/${name}/rendered.yaml`, query: encodeURIComponent(chartDir) });
  }

  private state(uri: vscode.Uri): State {
    const chartDir = decodeURIComponent(uri.query);
    let s = this.states.get(chartDir);
    if (!s) {
      s = { chartDir, name: chartName(chartDir), model: { text: "", docs: [] } };
      this.states.set(chartDir, s);
    }
    return s;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const s = this.state(uri);
    try {
      const resp = await this.render({
        uri: vscode.Uri.file(path.join(s.chartDir, "Chart.yaml")).toString(),
        ...(s.valuesFiles ? { valuesFiles: s.valuesFiles } : {}),
      });
      s.model = buildPreview(resp ?? { error: "the server returned no preview" });
    } catch (e) {
      s.model = buildPreview({ error: `render preview failed: ${e instanceof Error ? e.message : String(e)}` });
    }
    return s.model.text;
  }

  private onEdit(uri: vscode.Uri): void {
    if (uri.scheme !== "file") return;
    for (const s of this.states.values()) {
      if (!uri.fsPath.startsWith(s.chartDir + path.sep)) continue;
      clearTimeout(s.timer);
      s.timer = setTimeout(() => this.changed.fire(PreviewProvider.uriFor(s.chartDir, s.name)), this.delayMs);
    }
  }

  /** Open the preview of the chart holding `file` beside it, at the output of that template. */
  async open(file: vscode.Uri): Promise<void> {
    const chartDir = chartRoot(file.fsPath);
    if (!chartDir) {
      void vscode.window.showWarningMessage("chartlsp: this file is not inside a chart (no Chart.yaml above it).");
      return;
    }
    const uri = PreviewProvider.uriFor(chartDir, chartName(chartDir));
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    const s = this.state(uri);
    const line = lineOfTemplate(s.model, helmName(s, file.fsPath));
    if (line !== undefined) reveal(editor, new vscode.Position(line, 0));
  }

  /** Values files for one preview (not the workspace setting). */
  async pickValuesFiles(uri: vscode.Uri): Promise<void> {
    const s = this.state(uri);
    const current = new Set((s.valuesFiles ?? []).map((f) => path.relative(s.chartDir, f).split(path.sep).join("/")));
    const picked = await vscode.window.showQuickPick(
      valuesFileCandidates(s.chartDir).filter((f) => f !== "values.yaml").map((f) => ({ label: f, picked: current.has(f) })),
      { canPickMany: true, title: `Values files for the ${s.name} preview (after values.yaml, in order)` });
    if (!picked) return;
    s.valuesFiles = picked.map((p) => path.join(s.chartDir, p.label));
    this.changed.fire(uri);
  }

  /** From a rendered line to the template text that produced it. */
  async gotoTemplate(editor: vscode.TextEditor): Promise<void> {
    const s = this.state(editor.document.uri);
    const origin = renderedToTemplate(s.model, editor.selection.active.line);
    if (!origin) {
      void vscode.window.showInformationMessage("chartlsp: no template text produced this line.");
      return;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(origin.uri));
    const target = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    reveal(target, new vscode.Position(origin.line, origin.character));
  }

  /** From the cursor's line in a template to the first rendered line it produced in the (opened) preview. */
  async gotoRendered(editor: vscode.TextEditor): Promise<void> {
    const file = editor.document.uri.fsPath;
    const chartDir = chartRoot(file);
    if (!chartDir) return;
    const uri = PreviewProvider.uriFor(chartDir, chartName(chartDir));
    const doc = await vscode.workspace.openTextDocument(uri);
    const s = this.state(uri);
    const line = templateToRendered(s.model, chartRelative(chartDir, file), editor.selection.active.line);
    const view = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false, preview: false });
    if (line === undefined) {
      void vscode.window.showInformationMessage("chartlsp: this template produced no output with the current values.");
      return;
    }
    reveal(view, new vscode.Position(line, doc.lineAt(line).firstNonWhitespaceCharacterIndex));
  }

  dispose(): void {
    for (const s of this.states.values()) clearTimeout(s.timer);
    this.subs.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}

/** `file` relative to the chart directory, `/`-separated, as the server's source map names it. */
function chartRelative(chartDir: string, file: string): string {
  return path.relative(chartDir, file).split(path.sep).join("/");
}

function helmName(s: State, file: string): string {
  return `${s.name}/${chartRelative(s.chartDir, file)}`;
}

function reveal(editor: vscode.TextEditor, pos: vscode.Position): void {
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
}
