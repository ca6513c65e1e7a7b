// Preview logic: text layout, source-map jumps both ways, PreviewProvider against the vscode stub.
const path = require("path");
process.env.NODE_PATH = path.join(__dirname, "..", "stubs");
require("module").Module._initPaths();
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const os = require("os");
const vscode = require("vscode");
const m = require("../../out/previewModel");

// templates/cm.yaml = "kind: ConfigMap\nname: {{ .Values.n }}\n" renders "kind: ConfigMap\nname: demo\n"
const tpl = "kind: ConfigMap\nname: {{ .Values.n }}\n";
const resp = {
  manifest: "ignored when documents are present",
  documents: [
    { source: "app/templates/a.yaml", text: "a: 1\n", sourceMap: [[0, 5, "app/templates/a.yaml", 0, 5, []]] },
    { source: "app/templates/cm.yaml", text: "kind: ConfigMap\nname: demo\n",
      sourceMap: [
        { outStart: 0, outEnd: 22, file: "app/templates/cm.yaml", srcStart: 0, srcEnd: 22 },
        { outStart: 22, outEnd: 26, file: "app/templates/cm.yaml", srcStart: 22, srcEnd: 38 },
        [26, 27, "app/templates/cm.yaml", 38, 39, []],
      ] },
  ],
  error: null,
};

test("the preview lays documents out under Helm's headers", () => {
  const model = m.buildPreview(resp);
  assert.equal(model.text, "---\n# Source: app/templates/a.yaml\na: 1\n---\n# Source: app/templates/cm.yaml\nkind: ConfigMap\nname: demo\n");
  assert.equal(m.lineOfTemplate(model, "app/templates/cm.yaml"), 3);
  assert.equal(m.lineOfTemplate(model, "app/templates/none.yaml"), undefined);
});

test("errors are shown as comments above whatever rendered", () => {
  assert.equal(m.buildPreview({ error: "template: x:1: boom", documents: [] }).text, "# Error: template: x:1: boom\n");
  assert.equal(m.buildPreview({ manifest: "---\nx: 1\n" }).text, "---\nx: 1\n");
});

test("rendered line -> template: literal text maps per character, action output to the action", () => {
  const model = m.buildPreview(resp);
  assert.deepEqual(m.renderedToTemplate(model, 5, 2), { file: "app/templates/cm.yaml", offset: 2 });
  assert.deepEqual(m.renderedToTemplate(model, 6, 7), { file: "app/templates/cm.yaml", offset: 22 });
  assert.equal(m.positionAt(tpl, 22).line, 1);
  assert.equal(m.renderedToTemplate(model, 1, 0), undefined); // the header line
});

test("template position -> rendered offset", () => {
  const model = m.buildPreview(resp);
  const off = m.templateToRendered(model, "app/templates/cm.yaml", tpl.indexOf(".Values"));
  assert.deepEqual(m.positionAt(model.text, off), { line: 6, character: 6 });
  const lit = m.templateToRendered(model, "app/templates/cm.yaml", 5);
  assert.deepEqual(m.positionAt(model.text, lit), { line: 5, character: 5 });
  assert.equal(m.templateToRendered(model, "app/templates/other.yaml", 0), undefined);
});

test("code-point offsets from Python become UTF-16 offsets", () => {
  assert.equal(m.cpToUtf16("a😀b", 2), 3);
  assert.equal(m.utf16ToCp("a😀b", 3), 2);
  assert.deepEqual(m.parseSourceMap({ entries: [[0, 1, "f", 0, 1]] }, "d"), [{ outStart: 0, outEnd: 1, file: "f", srcStart: 0, srcEnd: 1 }]);
  assert.deepEqual(m.parseSourceMap("garbage", "d"), []);
  assert.equal(m.templateFile("/c", "app/charts/sub/templates/x.yaml", path.join), path.join("/c", "charts/sub/templates/x.yaml"));
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
  assert.match(text, /# Source: app\/templates\/cm.yaml\nkind: ConfigMap/);
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
});

test("the esbuild bundle loads against the vscode stub and exports activate/deactivate", () => {
  const ext = require("../../dist/extension.js");
  assert.equal(typeof ext.activate, "function");
  assert.equal(typeof ext.deactivate, "function");
});
