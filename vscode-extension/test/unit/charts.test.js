// Which files are chart templates, values-file candidates, and the settings sent to the server.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("path");
const c = require("../../out/charts");

const exists = (files) => (f) => files.includes(f);
const J = (...p) => path.join(path.sep, ...p);

test("templates inside a chart are helm; templates elsewhere are not", () => {
  const has = exists([J("w", "app", "Chart.yaml")]);
  for (const f of ["deploy.yaml", "x.yml", "_helpers.tpl", "NOTES.txt", "sub/deep.yaml"]) {
    assert.equal(c.isChartTemplate(J("w", "app", "templates", ...f.split("/")), has), true, f);
  }
  assert.equal(c.isChartTemplate(J("w", "app", "values.yaml"), has), false);
  assert.equal(c.isChartTemplate(J("w", "app", "templates", "x.json"), has), false);
  assert.equal(c.isChartTemplate(J("w", "other", "templates", "x.yaml"), has), false);
  assert.equal(c.chartRoot(J("w", "app", "templates", "sub", "x.yaml"), has), J("w", "app"));
  assert.equal(c.chartRoot(J("w", "other", "x.yaml"), has), undefined);
});

test("values-file candidates skip Chart.yaml, templates/, charts/ and crds/", () => {
  const tree = { [J("c")]: ["Chart.yaml", "values.yaml", "values-prod.yaml", "templates", "charts", "ci", "README.md"],
    [J("c", "ci")]: ["test-values.yaml"] };
  assert.deepEqual(c.valuesFileCandidates(J("c"), (d) => { if (!tree[d]) throw new Error("no dir"); return [...tree[d]]; }),
    ["ci/test-values.yaml", "values-prod.yaml", "values.yaml"]);
});

test("settings payload: server keys only, dotted keys nested", () => {
  const conf = { valuesFiles: ["v.yaml"], "diagnostics.unusedValues": false, kubeVersion: null, "server.python": "/py", "trace.server": "verbose" };
  const keys = Object.keys(conf).map((k) => `chartlsp.${k}`);
  assert.deepEqual(c.settingsPayload(keys, (k) => conf[k]), { valuesFiles: ["v.yaml"], diagnostics: { unusedValues: false }, kubeVersion: null });
});

test("chart name comes from Chart.yaml, else the directory", () => {
  assert.equal(c.chartName("/x/dir", () => "apiVersion: v2\nname: 'my-app'\n"), "my-app");
  assert.equal(c.chartName("/x/dir", () => { throw new Error("missing"); }), "dir");
});
