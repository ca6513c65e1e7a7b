// End to end: the extension's launch code (out/launch + out/probe, as bundled) finds Python,
// starts the real `python -m chartlsp serve` with bundled/libs, and talks LSP to it.
const test = require("node:test");
const assert = require("node:assert/strict");
const cp = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const rpc = require("vscode-jsonrpc/node");
const { resolveServer } = require("../out/launch");
const { probePython, readNativeRequirements } = require("../out/probe");

const EXT = path.join(__dirname, "..");

test("bundled server: initialize, open a template, diagnostics, render preview", { timeout: 90_000 }, async (t) => {
  const natives = readNativeRequirements(EXT);
  assert.ok(natives.length > 0, "bundled/native-requirements.json exists (npm run bundle-server)");
  const host = {
    setting: (k) => (k === "server.python" ? process.env.CHARTLSP_TEST_PYTHON ?? "" : ""),
    pythonExtensionInterpreter: async () => undefined,
    probe: (py, env) => probePython(py, env, natives.map((n) => n.module)),
    exists: fs.existsSync, platform: process.platform, extensionDir: EXT,
    storageDir: fs.mkdtempSync(path.join(os.tmpdir(), "chartlsp-store-")), baseEnv: process.env,
  };
  const launch = await resolveServer(host, natives);
  assert.equal(launch.kind, "ok", launch.message);

  const chart = fs.mkdtempSync(path.join(os.tmpdir(), "chartlsp-e2e-"));
  fs.mkdirSync(path.join(chart, "templates"));
  fs.writeFileSync(path.join(chart, "Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
  fs.writeFileSync(path.join(chart, "values.yaml"), "name: web\n");
  const good = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n";
  const file = path.join(chart, "templates", "cm.yaml");
  fs.writeFileSync(file, good);
  const uri = `file://${file}`;

  const proc = cp.spawn(launch.command, launch.args, { env: launch.env, cwd: chart });
  let stderr = "";
  proc.stderr.on("data", (d) => { stderr += d; });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const diagnostics = [];
  let onDiag = () => {};
  conn.onNotification("textDocument/publishDiagnostics", (p) => { diagnostics.push(p); onDiag(); });
  conn.onNotification("window/logMessage", () => {});
  conn.onRequest("workspace/configuration", (p) => p.items.map(() => ({})));
  conn.listen();
  t.after(() => {
    conn.dispose();
    proc.kill();
    for (const d of [chart, host.storageDir]) fs.rmSync(d, { recursive: true, force: true });
  });

  const exited = new Promise((_, rej) => proc.on("exit", (c) => rej(new Error(`server exited (${c}):\n${stderr}`))));
  exited.catch(() => {});
  const init = await Promise.race([exited, conn.sendRequest("initialize", {
    processId: process.pid, rootUri: `file://${chart}`, workspaceFolders: [{ uri: `file://${chart}`, name: "demo" }],
    capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
    initializationOptions: { valuesFiles: [], diagnostics: { unusedValues: true } },
  })]);
  assert.ok(init.capabilities.textDocumentSync, `server capabilities\n${stderr}`);
  await conn.sendNotification("initialized", {});

  const broken = good + "data:\n  x: {{ .Values.name | quote }\n";
  const got = new Promise((resolve) => { onDiag = () => { if (diagnostics.some((d) => d.uri === uri && d.diagnostics.length)) resolve(); }; });
  await conn.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "helm", version: 1, text: broken } });
  let timer;
  await Promise.race([got, new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`no diagnostics\n${stderr}`)), 30_000); })]);
  clearTimeout(timer);
  const mine = diagnostics.filter((d) => d.uri === uri).pop();
  assert.ok(mine.diagnostics.some((d) => d.range.start.line === 5), JSON.stringify(mine.diagnostics));

  const commands = init.capabilities.executeCommandProvider?.commands ?? [];
  assert.ok(commands.includes("chartlsp.renderPreview"), `advertised commands: ${commands}`);
  await conn.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: good }] });
  const res = await conn.sendRequest("workspace/executeCommand", { command: "chartlsp.renderPreview", arguments: [{ uri }] });
  assert.equal(res.error, null, res.error);
  assert.equal(res.manifest, "---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n");
  assert.deepEqual(res.documents.map((d) => [d.source, d.kind]), [["demo/templates/cm.yaml", "template"], ["COMPUTED VALUES", "values"]]);
  const { buildPreview, renderedToTemplate, templateToRendered, lineOfTemplate } = require("../out/previewModel");
  const model = buildPreview(res);
  assert.equal(model.text, "---\n# Source: demo/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n" +
    "---\n# COMPUTED VALUES:\nname: web\n");
  assert.equal(lineOfTemplate(model, "demo/templates/cm.yaml"), 0);
  const origin = renderedToTemplate(model, 5); // "  name: web"
  assert.deepEqual(origin && { ...origin, uri: decodeURIComponent(origin.uri) },
    { outLine: 3, uri: uri, file: "templates/cm.yaml", line: 3, character: 2 });
  assert.equal(templateToRendered(model, "templates/cm.yaml", 3), 5);
  assert.equal(renderedToTemplate(model, 8), undefined); // the values
});
