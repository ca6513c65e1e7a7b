// Preview logic: text layout, line jumps both ways on a real server result, PreviewProvider against the vscode stub.
const path = require("path");
process.env.NODE_PATH = path.join(__dirname, "..", "stubs");
require("module").Module._initPaths();
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const os = require("os");
const vscode = require("vscode");
const m = require("../../out/previewModel");

// A real `chartlsp.renderPreview` result for examples/webapp (deployment.yaml asked for), UTF-16 positions,
// chart directory shown as /charts/webapp. Regenerate from the server's features.preview + lsp.more_features.
const resp = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "webapp-preview.json"), "utf8"));
const lines = (model) => model.text.split("\n");
const docText = (d) => d.text.replace(/\n$/, "").split("\n");

test("the preview lays documents out under Helm's headers, the values under --debug's title", () => {
  const model = m.buildPreview(resp);
  assert.deepEqual(model.docs.map((d) => [d.source, d.kind, d.firstLine]), [
    ["webapp/templates/deployment.yaml", "template", 2], ["webapp/templates/configmap.yaml", "template", 40],
    ["webapp/templates/service.yaml", "template", 55], ["webapp/templates/NOTES.txt", "notes", 73],
    ["COMPUTED VALUES", "values", 77]]);
  assert.ok(model.text.startsWith("---\n# Source: webapp/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\n"));
  for (const d of model.docs) {
    const shown = lines(model);
    assert.equal(shown[d.firstLine - 2], "---");
    assert.equal(shown[d.firstLine - 1], d.kind === "values" ? "# COMPUTED VALUES:" : `# Source: ${d.source}`);
    assert.deepEqual(shown.slice(d.firstLine, d.firstLine + d.lineCount), docText(d));
  }
  assert.ok(model.text.endsWith("\nservice:\n  port: 80\n  type: ClusterIP\n"));
  assert.equal(m.lineOfTemplate(model, "webapp/templates/deployment.yaml"), 0);
  assert.equal(m.lineOfTemplate(model, "webapp/templates/service.yaml"), 53);
  assert.equal(m.lineOfTemplate(model, "webapp/templates/NOTES.txt"), 71);
  assert.equal(m.lineOfTemplate(model, "COMPUTED VALUES"), undefined);
  assert.equal(m.lineOfTemplate(model, "webapp/templates/none.yaml"), undefined);
});

test("errors are shown as comments above whatever rendered, shifting every document", () => {
  assert.equal(m.buildPreview({ error: "template: x:1: boom", documents: [] }).text, "# Error: template: x:1: boom\n");
  assert.equal(m.buildPreview({ manifest: "---\nx: 1\n", documents: [], error: null }).text, "---\nx: 1\n");
  assert.equal(m.buildPreview({ manifest: "", documents: [], error: null }).text, "# The chart rendered no manifests.\n");
  const model = m.buildPreview({ ...resp, error: "line one\nline two" });
  assert.deepEqual(lines(model).slice(0, 4), ["# Error: line one", "# Error: line two", "---", "# Source: webapp/templates/deployment.yaml"]);
  assert.equal(model.docs[0].firstLine, 4);
  assert.deepEqual(m.renderedToTemplate(model, 4), resp.documents[0].sourceMap[0]);
  assert.equal(m.templateToRendered(model, "templates/deployment.yaml", 0), 4);
});

test("rendered line -> template line and character (UTF-16), helpers for included text", () => {
  const model = m.buildPreview(resp);
  const at = (line) => { const o = m.renderedToTemplate(model, line); return o && [o.file, o.line, o.character]; };
  assert.deepEqual(at(2), ["templates/deployment.yaml", 0, 0]);
  assert.equal(lines(model)[5], "  name: release-name-webapp");
  assert.deepEqual(at(5), ["templates/deployment.yaml", 3, 2]);
  assert.equal(lines(model)[7], "    app.kubernetes.io/name: webapp");
  assert.deepEqual(at(7), ["templates/_helpers.tpl", 10, 0]);
  assert.equal(m.renderedToTemplate(model, 7).uri, "file:///charts/webapp/templates/_helpers.tpl");
  assert.deepEqual(at(73), ["templates/_helpers.tpl", 6, 0]); // NOTES.txt line 0 starts with an include
  assert.deepEqual(at(74), ["templates/NOTES.txt", 1, 0]);
  for (const line of [0, 1, 38, 39, 71, 72, 77, 80]) assert.equal(m.renderedToTemplate(model, line), undefined, `line ${line}`);
  for (const d of model.docs) {
    for (const e of d.sourceMap) assert.deepEqual(m.renderedToTemplate(model, d.firstLine + e.outLine), e);
  }
});

test("template line -> the first preview line it produced, else the nearest line's", () => {
  const model = m.buildPreview(resp);
  const shown = lines(model);
  assert.equal(shown[m.templateToRendered(model, "templates/deployment.yaml", 7)], "  replicas: 2");
  assert.equal(m.templateToRendered(model, "templates/deployment.yaml", 0), 2);
  // `{{- include "webapp.labels" . | nindent 4 }}` (line 5) prints only helper text: lines 4 and 6 are as near, 4 wins
  assert.equal(shown[m.templateToRendered(model, "templates/deployment.yaml", 5)], "  labels:");
  // the labels helper's first line: the deployment's copy comes first in the preview
  assert.equal(m.templateToRendered(model, "templates/_helpers.tpl", 10), 7);
  assert.equal(m.templateToRendered(model, "templates/NOTES.txt", 1), 74);
  assert.equal(m.templateToRendered(model, "templates/deployment.yaml", 1000), 33); // the last line, first copy
  assert.equal(m.templateToRendered(model, "templates/other.yaml", 0), undefined);
});

test("PreviewProvider renders through the server command and re-renders after edits (debounced)", async () => {
  const { PreviewProvider } = require("../../out/preview");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chartlsp-prev-"));
  fs.writeFileSync(path.join(dir, "Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\n");
  const calls = [];
  const provider = new PreviewProvider(async (args) => { calls.push(args); return resp; }, 20);
  const uri = PreviewProvider.uriFor(dir, "app");
  assert.equal(uri.scheme, "chartlsp-preview");
  const text = await provider.provideTextDocumentContent(uri);
  assert.equal(text, m.buildPreview(resp).text);
  assert.deepEqual(calls, [{ uri: vscode.Uri.file(path.join(dir, "Chart.yaml")).toString() }]);
  const fired = [];
  provider.onDidChange((u) => fired.push(u.toString()));
  const edit = (p) => vscode.__test.listeners.change.forEach((h) => h({ document: { uri: vscode.Uri.file(p) } }));
  edit(path.join(dir, "templates", "cm.yaml"));
  edit(path.join(dir, "templates", "cm.yaml"));
  edit("/elsewhere/x.yaml");
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(fired, [uri.toString()]);
  const failing = new PreviewProvider(async () => { throw new Error("server gone"); });
  assert.equal(await failing.provideTextDocumentContent(uri), "# Error: render preview failed: server gone\n");
  provider.dispose();
  failing.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the esbuild bundle loads against the vscode stub and exports activate/deactivate", () => {
  const ext = require("../../dist/extension.js");
  assert.equal(typeof ext.activate, "function");
  assert.equal(typeof ext.deactivate, "function");
});
