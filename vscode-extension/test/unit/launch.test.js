// Interpreter discovery order and error messages of src/launch.ts, with a fake host.
const test = require("node:test");
const assert = require("node:assert/strict");
const { resolveServer, setupCommands, serverEnv, privateEnvDir, envPython } = require("../../out/launch");

const natives = [{ requirement: "google-re2>=1.1,<2", module: "re2" }];

function fakeHost({ settings = {}, ext, pythons = {}, files = [] } = {}) {
  const probed = [];
  return {
    probed,
    setting: (k) => settings[k] ?? "",
    pythonExtensionInterpreter: async () => ext,
    probe: async (py) => {
      probed.push(py);
      const p = pythons[py];
      if (!p) throw new Error("not found");
      return { version: p.version, executable: p.exe ?? py, missing: p.missing ?? [] };
    },
    exists: (f) => files.includes(f),
    platform: "linux",
    extensionDir: "/ext",
    storageDir: "/store",
    baseEnv: { PATH: "/usr/bin" },
  };
}

test("chartlsp.server.path wins and runs `chartlsp serve` without probing", async () => {
  const h = fakeHost({ settings: { "server.path": "/opt/chartlsp" }, files: ["/opt/chartlsp"], pythons: { python3: { version: [3, 12, 0] } } });
  const r = await resolveServer(h, natives);
  assert.equal(r.kind, "ok");
  assert.deepEqual([r.command, ...r.args], ["/opt/chartlsp", "serve"]);
  assert.equal(r.source, "server.path");
  assert.deepEqual(h.probed, []);
});

test("a missing chartlsp.server.path is reported, not skipped", async () => {
  const r = await resolveServer(fakeHost({ settings: { "server.path": "/nope" } }), natives);
  assert.equal(r.kind, "error");
  assert.match(r.message, /chartlsp\.server\.path is set to "\/nope", which does not exist/);
  assert.match(r.fix, /pipx install chartlsp/);
});

test("chartlsp.server.python comes before the Python extension and PATH", async () => {
  const h = fakeHost({ settings: { "server.python": "/py/3.13" }, ext: "/venv/python",
    pythons: { "/py/3.13": { version: [3, 13, 1] }, "/venv/python": { version: [3, 12, 0] }, python3: { version: [3, 11, 7] } } });
  const r = await resolveServer(h, natives);
  assert.equal(r.source, "server.python");
  assert.deepEqual([r.command, ...r.args], ["/py/3.13", "-m", "chartlsp", "serve"]);
  assert.equal(r.env.PYTHONPATH, "/ext/bundled/libs");
  assert.deepEqual(h.probed, ["/py/3.13"]);
});

test("an explicit chartlsp.server.python that is too old is an error naming the setting", async () => {
  const r = await resolveServer(fakeHost({ settings: { "server.python": "/py/3.9" }, pythons: { "/py/3.9": { version: [3, 9, 18] }, python3: { version: [3, 12, 0] } } }), natives);
  assert.equal(r.kind, "error");
  assert.equal(r.message, 'chartlsp.server.python ("/py/3.9") is Python 3.9.18; chartlsp needs Python 3.11 or newer.');
  assert.match(r.fix, /set "chartlsp.server.python"/);
});

test("the Python extension's interpreter comes before python3 on PATH", async () => {
  const h = fakeHost({ ext: "/venv/bin/python", pythons: { "/venv/bin/python": { version: [3, 12, 3] }, python3: { version: [3, 11, 7] } } });
  const r = await resolveServer(h, natives);
  assert.equal(r.source, "python extension");
  assert.equal(r.command, "/venv/bin/python");
  assert.equal(r.version, "3.12.3");
});

test("an old Python-extension interpreter falls through to python3 on PATH", async () => {
  const h = fakeHost({ ext: "/venv/bin/python", pythons: { "/venv/bin/python": { version: [3, 8, 10] }, python3: { version: [3, 11, 7] } } });
  const r = await resolveServer(h, natives);
  assert.equal(r.source, "PATH");
  assert.equal(r.command, "python3");
  assert.deepEqual(h.probed, ["/venv/bin/python", "python3"]);
});

test("no Python >= 3.11 anywhere: one message listing what was tried, and the fix", async () => {
  const r = await resolveServer(fakeHost({ ext: "/venv/bin/python", pythons: { "/venv/bin/python": { version: [3, 10, 4] } } }), natives);
  assert.equal(r.kind, "error");
  assert.equal(r.message, "chartlsp needs Python 3.11 or newer, and none was found (the Python extension's interpreter (/venv/bin/python): Python 3.10.4; python3 on PATH: not runnable).");
  assert.match(r.fix, /^Install Python 3\.11 or newer/);
});

test("missing compiled packages: offer the private environment; use it once it exists", async () => {
  const pythons = { python3: { version: [3, 11, 7], exe: "/usr/bin/python3", missing: ["re2"] } };
  let r = await resolveServer(fakeHost({ pythons }), natives);
  assert.equal(r.kind, "error");
  assert.match(r.message, /lacks compiled packages chartlsp needs: re2/);
  const envDir = privateEnvDir("/store", "/usr/bin/python3");
  assert.deepEqual(r.missing, { python: "/usr/bin/python3", modules: ["re2"], envDir });
  const venvPy = envPython(envDir, "linux");
  r = await resolveServer(fakeHost({ pythons: { ...pythons, [venvPy]: { version: [3, 11, 7] } }, files: [venvPy] }), natives);
  assert.equal(r.source, "private environment");
  assert.equal(r.command, venvPy);
  assert.deepEqual(setupCommands("/usr/bin/python3", envDir, natives, "linux"), [
    ["/usr/bin/python3", "-m", "venv", envDir],
    [venvPy, "-m", "pip", "install", "--disable-pip-version-check", "google-re2>=1.1,<2"],
  ]);
});

test("bundled libraries go first on PYTHONPATH", () => {
  assert.equal(serverEnv({ PYTHONPATH: "/mine" }, "/ext", "linux").PYTHONPATH, "/ext/bundled/libs:/mine");
  assert.equal(serverEnv({}, "C:\\ext", "win32").PYTHONPATH.split(";").length, 1);
});
