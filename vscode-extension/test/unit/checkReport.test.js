// `Chart: Check Chart`: the JSON report per file, without the files the server reports live.
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("path");
const { findingsByFile, zeroBasedRange } = require("../../out/checkReport");

const chart = path.join(path.sep, "w", "app");
const finding = (file, line, message) => ({ file, line, column: 11, endLine: line, endColumn: 27, severity: "error", message });

test("findings are grouped per absolute file, in report order", () => {
  const report = { diagnostics: [finding("templates/a.yaml", 3, "x"), finding("values.yaml", 1, "y"), finding("templates/a.yaml", 9, "z")] };
  const got = findingsByFile(report, chart, () => false);
  assert.deepEqual([...got.keys()], [path.join(chart, "templates", "a.yaml"), path.join(chart, "values.yaml")]);
  assert.deepEqual(got.get(path.join(chart, "templates", "a.yaml")).map((d) => d.message), ["x", "z"]);
  assert.deepEqual(findingsByFile({}, chart, () => false), new Map());
});

test("files the server already reports live are left out (no duplicates in the Problems panel)", () => {
  const report = { diagnostics: [finding("templates/deployment.yaml", 22, "unknown field"), finding("templates/svc.yaml", 4, "w")] };
  const live = new Set([path.join(chart, "templates", "deployment.yaml")]);
  const got = findingsByFile(report, chart, (f) => live.has(f));
  assert.deepEqual([...got.keys()], [path.join(chart, "templates", "svc.yaml")]);
});

test("ranges become 0-based; a missing end is the start", () => {
  assert.deepEqual(zeroBasedRange(finding("t.yaml", 22, "m")), [21, 10, 21, 26]);
  assert.deepEqual(zeroBasedRange({ file: "t.yaml", line: 1, column: 1, severity: "info", message: "m" }), [0, 0, 0, 0]);
  assert.deepEqual(zeroBasedRange({ file: "t.yaml", line: 0, column: 0, severity: "info", message: "m" }), [0, 0, 0, 0]);
});
