/** Activation: language assignment, the language client, commands, status bar. */
import { execFile, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification, ExecuteCommandRequest, LanguageClient, LanguageClientOptions, ServerOptions,
} from "vscode-languageclient/node";
import { chartName, chartRoot, isChartTemplate, settingsPayload, valuesFileCandidates } from "./charts";
import { CheckReport, findingsByFile, zeroBasedRange } from "./checkReport";
import { LaunchHost, LaunchResult, ServerCommand, resolveServer, setupCommands } from "./launch";
import { PreviewProvider, SCHEME } from "./preview";
import { PreviewResponse } from "./previewModel";
import { probePython, readNativeRequirements } from "./probe";

const ID = "chartlsp";
let client: LanguageClient | undefined;
let launched: ServerCommand | undefined;
let output: vscode.OutputChannel;
let status: vscode.StatusBarItem;
let checkResults: vscode.DiagnosticCollection;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(ID);
}

function serverSettings(ctx: vscode.ExtensionContext): Record<string, unknown> {
  const keys = Object.keys(ctx.extension.packageJSON.contributes.configuration.properties as object);
  const conf = config();
  return settingsPayload(keys, (k) => conf.get(k));
}

function host(ctx: vscode.ExtensionContext, modules: string[]): LaunchHost {
  return {
    setting: (key) => config().get<string>(key) ?? "",
    pythonExtensionInterpreter: async () => {
      const ext = vscode.extensions.getExtension("ms-python.python");
      if (!ext) return undefined;
      const api = (ext.isActive ? ext.exports : await ext.activate()) as {
        environments?: { getActiveEnvironmentPath(r?: vscode.Uri): { path: string };
          resolveEnvironment(p: { path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined> };
      };
      const envs = api?.environments;
      if (!envs) return undefined;
      const active = envs.getActiveEnvironmentPath(vscode.workspace.workspaceFolders?.[0]?.uri);
      const resolved = await envs.resolveEnvironment(active);
      return resolved?.executable.uri?.fsPath ?? active.path;
    },
    probe: (python, env) => probePython(python, env, modules),
    exists: (f) => fs.existsSync(f),
    platform: process.platform,
    extensionDir: ctx.extensionPath,
    storageDir: ctx.globalStorageUri.fsPath,
    baseEnv: process.env,
  };
}

async function reportProblem(ctx: vscode.ExtensionContext, r: Exclude<LaunchResult, ServerCommand>): Promise<void> {
  output.appendLine(`chartlsp: ${r.message}\n  fix: ${r.fix}`);
  const actions = r.missing ? ["Set up environment", "Open Settings", "Show Log"] : ["Open Settings", "Show Log"];
  const choice = await vscode.window.showErrorMessage(`chartlsp: ${r.message} ${r.fix}`, ...actions);
  if (choice === "Open Settings") void vscode.commands.executeCommand("workbench.action.openSettings", "chartlsp.server");
  if (choice === "Show Log") output.show();
  if (choice === "Set up environment" && r.missing) {
    const missing = r.missing;
    const natives = readNativeRequirements(ctx.extensionPath);
    const ok = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "chartlsp: installing the server's compiled packages…" },
      async () => {
        fs.mkdirSync(path.dirname(missing.envDir), { recursive: true });
        for (const argv of setupCommands(missing.python, missing.envDir, natives, process.platform)) {
          output.appendLine(`$ ${argv.join(" ")}`);
          const code = await new Promise<number>((resolve) => {
            const p = spawn(argv[0], argv.slice(1), { windowsHide: true });
            p.stdout.on("data", (d) => output.append(String(d)));
            p.stderr.on("data", (d) => output.append(String(d)));
            p.on("error", (e) => { output.appendLine(String(e)); resolve(1); });
            p.on("close", (c) => resolve(c ?? 1));
          });
          if (code !== 0) return false;
        }
        return true;
      });
    if (ok) await restart(ctx);
    else {
      output.show();
      void vscode.window.showErrorMessage("chartlsp: installing the compiled packages failed; see the chartlsp output.");
    }
  }
}

async function start(ctx: vscode.ExtensionContext): Promise<void> {
  const natives = readNativeRequirements(ctx.extensionPath);
  const r = await resolveServer(host(ctx, natives.map((n) => n.module)), natives);
  if (r.kind === "error") {
    status.text = "$(error) chartlsp";
    status.tooltip = r.message;
    void reportProblem(ctx, r);
    return;
  }
  launched = r;
  output.appendLine(`chartlsp: starting ${[r.command, ...r.args].join(" ")} (${r.source}${r.version ? `, Python ${r.version}` : ""})`);
  const serverOptions: ServerOptions = { command: r.command, args: r.args, options: { env: r.env } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "helm" },
      { scheme: "file", language: "yaml", pattern: "**/{values*.{yaml,yml},Chart.yaml}" },
    ],
    outputChannel: output,
    initializationOptions: serverSettings(ctx),
    middleware: {
      workspace: {
        configuration: (params, token, next) =>
          params.items.some((i) => i.section === ID)
            ? params.items.map((i) => (i.section === ID ? serverSettings(ctx) : null)) : next(params, token),
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        firstDiagnostics?.();
        checkResults.delete(uri);
        next(uri, diagnostics);
      },
    },
  };
  client = new LanguageClient(ID, "chartlsp", serverOptions, clientOptions);
  const hasCharts = vscode.workspace.textDocuments.some((d) => d.languageId === "helm");
  const ready = client.start();
  showInitialProgress(hasCharts);
  await ready;
  updateStatus();
}

let firstDiagnostics: (() => void) | undefined;

/** A progress notification while the first analysis runs (shown only if it takes more than a moment). */
function showInitialProgress(active: boolean): void {
  if (!active) return;
  const done = new Promise<void>((resolve) => {
    const timeout = setTimeout(resolve, 120_000);
    firstDiagnostics = () => { clearTimeout(timeout); firstDiagnostics = undefined; resolve(); };
  });
  setTimeout(() => {
    if (!firstDiagnostics) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: "chartlsp: analysing the workspace's charts…" }, () => done);
  }, 1500);
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop().catch((e) => output.appendLine(`chartlsp: stop failed: ${e}`));
}

async function restart(ctx: vscode.ExtensionContext): Promise<void> {
  await stop();
  await start(ctx);
}

function updateStatus(): void {
  const file = vscode.window.activeTextEditor?.document.uri;
  const chartDir = file?.scheme === "file" ? chartRoot(file.fsPath) : undefined;
  if (!chartDir) {
    status.hide();
    return;
  }
  const conf = vscode.workspace.getConfiguration(ID, file);
  const kube = conf.get<string | null>("kubeVersion") || "newest";
  const values = ["values.yaml", ...(conf.get<string[]>("valuesFiles") ?? [])];
  status.text = `$(package) ${chartName(chartDir)} · k8s ${kube} · ${values.join(" + ")}`;
  status.tooltip = client ? `chartlsp ${launched?.source ?? ""}: click to choose values files` : "chartlsp server not running";
  status.show();
}

async function selectValuesFiles(): Promise<void> {
  const file = vscode.window.activeTextEditor?.document.uri;
  let chartDir = file?.scheme === "file" ? chartRoot(file.fsPath) : undefined;
  if (!chartDir) {
    const found = await vscode.workspace.findFiles("**/Chart.yaml", "**/node_modules/**", 1);
    chartDir = found[0] && path.dirname(found[0].fsPath);
  }
  if (!chartDir) {
    void vscode.window.showWarningMessage("chartlsp: no chart (Chart.yaml) in this workspace.");
    return;
  }
  const current = new Set(config().get<string[]>("valuesFiles") ?? []);
  const picked = await vscode.window.showQuickPick(
    valuesFileCandidates(chartDir).filter((f) => f !== "values.yaml").map((f) => ({ label: f, picked: current.has(f) })),
    { canPickMany: true, title: "Values files applied after values.yaml (chartlsp.valuesFiles)" });
  if (!picked) return;
  await config().update("valuesFiles", picked.map((p) => p.label), vscode.ConfigurationTarget.Workspace);
}

/** `Chart: Check Chart`: `chartlsp check --format json` on every chart of the workspace, into the Problems panel. */
async function checkCharts(ctx: vscode.ExtensionContext): Promise<void> {
  if (!launched) {
    await restart(ctx);
    if (!launched) return;
  }
  const run = launched;
  const charts = (await vscode.workspace.findFiles("**/Chart.yaml", "{**/node_modules/**,**/charts/**}"))
    .map((u) => path.dirname(u.fsPath));
  if (!charts.length) {
    void vscode.window.showInformationMessage("chartlsp: no chart (Chart.yaml) in this workspace.");
    return;
  }
  const severity: Record<string, vscode.DiagnosticSeverity> = {
    error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning,
    info: vscode.DiagnosticSeverity.Information,
  };
  const args = (chart: string) => [...run.args.slice(0, -1), "check", "--format", "json", chart];
  let total = 0;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: "chartlsp: checking charts" }, async (progress) => {
    checkResults.clear();
    for (const chart of charts) {
      progress.report({ message: path.basename(chart) });
      const stdout = await new Promise<string>((resolve) =>
        execFile(run.command, args(chart), { env: run.env, maxBuffer: 64 << 20 }, (_e, out, err) => {
          if (err) output.append(err);
          resolve(out);
        }));
      let report: CheckReport;
      try {
        report = JSON.parse(stdout);
      } catch {
        output.appendLine(`chartlsp: check of ${chart} gave no JSON report`);
        continue;
      }
      total += report.diagnostics?.length ?? 0;
      const live = (file: string) => client?.diagnostics?.has(vscode.Uri.file(file)) ?? false;
      for (const [file, findings] of findingsByFile(report, chart, live)) {
        checkResults.set(vscode.Uri.file(file), findings.map((d) => {
          const diag = new vscode.Diagnostic(new vscode.Range(...zeroBasedRange(d)), d.message,
            severity[d.severity] ?? vscode.DiagnosticSeverity.Error);
          diag.source = "chartlsp check";
          if (d.code) diag.code = d.code;
          return diag;
        }));
      }
    }
  });
  void vscode.window.showInformationMessage(`chartlsp: ${total} finding${total === 1 ? "" : "s"} in ${charts.length} chart${charts.length === 1 ? "" : "s"}.`);
  if (total) void vscode.commands.executeCommand("workbench.actions.view.problems");
}

/** Give chart templates the `helm` language (only inside a chart, which a filename pattern cannot tell). */
function assignLanguage(doc: vscode.TextDocument): void {
  if (doc.uri.scheme !== "file" || doc.languageId === "helm") return;
  if (!["yaml", "plaintext", "helm-template"].includes(doc.languageId)) return;
  if (isChartTemplate(doc.uri.fsPath)) void vscode.languages.setTextDocumentLanguage(doc, "helm");
}

export async function activate(ctx: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("chartlsp");
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.command = "chartlsp.selectValuesFiles";
  checkResults = vscode.languages.createDiagnosticCollection("chartlsp-check");
  const render = async (args: { uri: string; valuesFiles?: string[] }): Promise<PreviewResponse> => {
    if (!client) throw new Error("the chartlsp server is not running");
    return client.sendRequest(ExecuteCommandRequest.type, { command: "chartlsp.renderPreview", arguments: [args] });
  };
  const preview = new PreviewProvider(render);
  ctx.subscriptions.push(output, status, checkResults, preview,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, preview),
    vscode.workspace.onDidOpenTextDocument(assignLanguage),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.commands.registerCommand("chartlsp.restartServer", () => restart(ctx)),
    vscode.commands.registerCommand("chartlsp.selectValuesFiles", selectValuesFiles),
    vscode.commands.registerCommand("chartlsp.checkCharts", () => checkCharts(ctx)),
    vscode.commands.registerCommand("chartlsp.showPreview", () => {
      const doc = vscode.window.activeTextEditor?.document;
      if (doc?.uri.scheme === "file") return preview.open(doc.uri);
      void vscode.window.showWarningMessage("chartlsp: open a chart file first.");
    }),
    vscode.commands.registerCommand("chartlsp.preview.selectValuesFiles", () => {
      const uri = vscode.window.activeTextEditor?.document.uri;
      if (uri?.scheme === SCHEME) return preview.pickValuesFiles(uri);
    }),
    vscode.commands.registerCommand("chartlsp.preview.gotoTemplate", () => {
      const e = vscode.window.activeTextEditor;
      if (e?.document.uri.scheme === SCHEME) return preview.gotoTemplate(e);
    }),
    vscode.commands.registerCommand("chartlsp.preview.gotoRendered", () => {
      const e = vscode.window.activeTextEditor;
      if (e?.document.uri.scheme === "file") return preview.gotoRendered(e);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(ID)) return;
      updateStatus();
      if (e.affectsConfiguration(`${ID}.server`)) void restart(ctx);
      else void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: { [ID]: serverSettings(ctx) } });
    }),
    { dispose: () => void stop() },
  );
  vscode.workspace.textDocuments.forEach(assignLanguage);
  await start(ctx);
}

export function deactivate(): Promise<void> {
  return stop();
}
