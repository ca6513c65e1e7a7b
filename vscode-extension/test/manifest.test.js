// package.json against the code, the server's settings model, the grammar tests and the .vsix contents.
const test = require("node:test");
const assert = require("node:assert/strict");
const cp = require("child_process");
const fs = require("fs");
const path = require("path");

const EXT = path.join(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(EXT, "package.json"), "utf8"));
const python = process.env.PYTHON || "python3";

test("settings match chartlsp's typed settings model (scripts/gen_settings.py --check)", () => {
  const r = cp.spawnSync(python, ["scripts/gen_settings.py", "--check"], { cwd: EXT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const generated = JSON.parse(cp.execFileSync(python, ["scripts/gen_settings.py", "--print"], { cwd: EXT, encoding: "utf8" }));
  for (const [k, v] of Object.entries(generated)) assert.deepEqual(pkg.contributes.configuration.properties[k], v, k);
  for (const k of ["chartlsp.server.path", "chartlsp.server.python", "chartlsp.trace.server"]) {
    assert.ok(pkg.contributes.configuration.properties[k], k);
  }
});

test("every contributed command is registered by the extension, and vice versa", () => {
  const src = fs.readFileSync(path.join(EXT, "src", "extension.ts"), "utf8");
  const registered = [...src.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]).sort();
  assert.deepEqual(pkg.contributes.commands.map((c) => c.command).sort(), registered);
  const titles = pkg.contributes.commands.filter((c) => c.category === "Chart").map((c) => `Chart: ${c.title}`);
  for (const t of ["Chart: Render Preview", "Chart: Check Chart", "Chart: Select Values Files", "Chart: Restart Server"]) {
    assert.ok(titles.includes(t), t);
  }
  assert.ok(!registered.includes("chartlsp.renderPreview"), "the server's command id is left to vscode-languageclient");
});

test("activation, language, grammar and engine", () => {
  assert.deepEqual(pkg.activationEvents, ["workspaceContains:**/Chart.yaml", "onLanguage:helm"]);
  assert.equal(pkg.contributes.languages[0].id, "helm");
  for (const p of [pkg.contributes.languages[0].configuration, pkg.contributes.grammars[0].path]) {
    assert.ok(fs.existsSync(path.join(EXT, p)), p);
  }
  assert.equal(pkg.engines.vscode, "^1.82.0");
  assert.equal(pkg.devDependencies["@types/vscode"], "1.82.0");
  assert.equal(pkg.dependencies["vscode-languageclient"], "9.0.1");
});

test("the grammar tests assert every scope the grammar defines", () => {
  const grammar = fs.readFileSync(path.join(EXT, pkg.contributes.grammars[0].path), "utf8");
  const scopes = new Set([...grammar.matchAll(/"(?:name|contentName)": "([^"]+)"/g)].map((m) => m[1]));
  scopes.delete("Helm template (chartlsp)");
  const dir = path.join(EXT, "test", "grammar");
  const asserted = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
  const missing = [...scopes].filter((s) => !asserted.includes(s));
  assert.deepEqual(missing, []);
});

test("the .vsix holds the bundle, grammar and bundled server, and no sources", () => {
  const out = cp.execFileSync(process.execPath, [require.resolve("@vscode/vsce/vsce"), "ls", "--no-dependencies"],
    { cwd: EXT, encoding: "utf8" });
  const files = out.trim().split("\n");
  for (const f of ["dist/extension.js", "syntaxes/helm.tmLanguage.json", "language-configuration.json",
    "bundled/native-requirements.json", "bundled/libs/chartlsp/__main__.py", "bundled/libs/chartlsp/lsp/server.py",
    "bundled/libs/pygls/__init__.py", "bundled/libs/chartlsp/kube/data/api-versions.json", "README.md", "LICENSE"]) {
    assert.ok(files.includes(f), `${f} in the package`);
  }
  assert.ok(!files.some((f) => /^(src|test|node_modules|out|scripts)\//.test(f) || f.endsWith(".map")), files.filter((f) => /^(src|test|out)\//.test(f)).join(","));
});
