#!/usr/bin/env node
/**
 * Checks the extension inside a real VS Code and re-takes docs/images/vscode-*.png.
 *
 * VS Code itself is not scriptable headless here, so this uses code-server (VS Code in
 * the browser) driven by playwright-core and a system Chromium. It packages the .vsix,
 * installs it into a throwaway code-server profile, opens a copy of examples/webapp with
 * two planted defects, checks activation, language mode, highlighting, diagnostics,
 * hover, completion, the render preview (and that it follows unsaved edits) and
 * `Chart: Check Chart`, and writes the screenshots. Exit status 1 if a check fails.
 *
 *   node scripts/screenshots.mjs <code-server install dir> [--python PY] [--chromium PATH] [--out DIR]
 *
 * <code-server install dir> is where `npm install code-server@4.100.3` ran (or the
 * code-server package itself). Too heavy for `npm test` and CI; run it by hand.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const EXT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPO = path.dirname(EXT);
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const opts = { python: undefined, chromium: "/usr/bin/chromium", out: path.join(REPO, "docs", "images") };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].match(/^--(python|chromium|out)$/);
    if (flag) opts[flag[1]] = argv[++i];
    else rest.push(argv[i]);
  }
  if (rest.length !== 1) {
    console.error("usage: node scripts/screenshots.mjs <code-server install dir> [--python PY] [--chromium PATH] [--out DIR]");
    process.exit(2);
  }
  const venv = path.join(REPO, ".venv", "bin", "python");
  opts.python ??= fs.existsSync(venv) ? venv : "python3";
  opts.codeServer = [path.join(rest[0], "node_modules", ".bin", "code-server"), path.join(rest[0], "bin", "code-server")]
    .find((f) => fs.existsSync(f));
  if (!opts.codeServer) {
    console.error(`no code-server under ${rest[0]} (node_modules/.bin/code-server or bin/code-server)`);
    process.exit(2);
  }
  return opts;
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

function freePort() {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The example chart with two defects: a misspelt field and a read of an undefined value. */
function plantChart(dir) {
  fs.cpSync(path.join(REPO, "examples", "webapp"), dir, { recursive: true });
  const file = path.join(dir, "templates", "deployment.yaml");
  const text = fs.readFileSync(file, "utf8");
  const planted = text.replace("imagePullPolicy:", "imagePullPolicey:")
    .replace("- containerPort: 8080", "- containerPort: {{ .Values.service.targetPort }}");
  if (planted.split("\n").length !== text.split("\n").length || !planted.includes("Policey") || !planted.includes("targetPort")) {
    throw new Error("examples/webapp/templates/deployment.yaml changed: update plantChart()");
  }
  fs.writeFileSync(file, planted);
  return planted.split("\n").map((l, i) => [l, i + 1]);
}

async function waitForHttp(url, timeoutMs, log) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await fetch(url, { redirect: "manual" }).then(() => true, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on ${url}:\n${log()}`);
}

const results = [];
function check(name, ok, detail = "") {
  results.push(ok);
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "chartlsp-shots-"));
  const chart = path.join(tmp, "webapp");
  const lines = plantChart(chart);
  const lineOf = (s) => lines.find(([l]) => l.includes(s))[1];

  const vsix = path.join(tmp, "chartlsp.vsix");
  console.log("packaging the extension…");
  run(process.execPath, [require.resolve("@vscode/vsce/vsce"), "package", "-o", vsix], EXT);

  const userData = path.join(tmp, "user-data");
  const profile = ["--user-data-dir", userData, "--extensions-dir", path.join(tmp, "extensions")];
  fs.mkdirSync(path.join(userData, "User"), { recursive: true });
  fs.writeFileSync(path.join(userData, "User", "settings.json"), JSON.stringify({
    "chartlsp.server.python": opts.python,
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "security.workspace.trust.enabled": false,
    "telemetry.telemetryLevel": "off",
    "extensions.autoCheckUpdates": false,
    "extensions.autoUpdate": false,
    "editor.minimap.enabled": false,
    "editor.stickyScroll.enabled": false,
  }, null, 2));
  const port = await freePort();
  const config = path.join(tmp, "config.yaml");
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  run(opts.codeServer, ["--config", config, ...profile, "--install-extension", vsix]);

  const server = spawn(opts.codeServer, ["--config", config, ...profile, "--disable-telemetry", "--disable-update-check",
    "--disable-workspace-trust", chart], { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let serverLog = "";
  server.stdout.on("data", (d) => { serverLog += d; });
  server.stderr.on("data", (d) => { serverLog += d; });
  const url = `http://127.0.0.1:${port}/`;
  let browser;
  try {
    await waitForHttp(url, 60_000, () => serverLog);
    browser = await chromium.launch({ executablePath: opts.chromium, args: ["--no-sandbox"] });
    await drive(browser, `${url}?folder=${encodeURIComponent(chart)}`, lineOf, opts.out);
  } catch (e) {
    console.error(`${e.stack}\ncode-server log:\n${serverLog}`);
    results.push(false);
  } finally {
    await browser?.close();
    process.kill(-server.pid, "SIGTERM");
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r).length;
  console.log(failed ? `${failed} check(s) failed` : "all checks passed");
  process.exit(failed ? 1 : 0);
}

async function drive(browser, url, lineOf, outDir) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await steps(page, url, lineOf, outDir);
  } catch (e) {
    const file = path.join(os.tmpdir(), "chartlsp-screenshots-failure.png");
    await page.screenshot({ path: file });
    throw new Error(`${e.message}\n(the page at the failure: ${file})`);
  }
}

async function steps(page, url, lineOf, outDir) {
  const k = page.keyboard;
  const pause = (ms) => page.waitForTimeout(ms);
  const command = async (title) => {
    await k.press("F1");
    await page.waitForSelector(".quick-input-widget:not([style*='display: none']) input");
    await k.type(title);
    await pause(600);
    // The palette's fuzzy match would run another command when this one is not enabled here.
    const first = await page.locator(".quick-input-list .monaco-list-row").first().innerText();
    if (!first.includes(title)) throw new Error(`the command palette offers "${first.split("\n")[0]}" for "${title}"`);
    await k.press("Enter");
    await pause(800);
  };
  const gotoLine = async (line, col = 1) => {
    await k.press("Control+g");
    await pause(300);
    await k.type(`${line}:${col}`);
    await k.press("Enter");
    await pause(300);
  };
  const shot = async (name) => {
    const file = path.join(outDir, `vscode-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`     wrote ${path.relative(REPO, file)} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
  };
  const statusItem = page.locator(".statusbar-item", { hasText: "k8s" });
  const problems = page.locator(".markers-panel .monaco-list-row");

  await page.goto(url);
  await page.waitForSelector(".monaco-workbench", { timeout: 60_000 });

  // Diagnostics on the template lines, and the Problems panel.
  await k.press("Control+p");
  await page.waitForSelector(".quick-input-widget:not([style*='display: none']) input");
  await k.type("templates/deployment.yaml");
  await page.waitForSelector(".quick-input-list .monaco-list-row", { timeout: 10_000 });
  await k.press("Enter");
  await page.waitForSelector(".squiggly-error", { timeout: 60_000 });
  await statusItem.first().waitFor({ timeout: 10_000 }).catch(() => {});
  check("the status bar shows the chart, Kubernetes version and values files", await statusItem.count() > 0,
    await statusItem.first().innerText().catch(() => "no status item"));
  const mode = await page.locator("#status\\.editor\\.mode").innerText();
  check("templates/deployment.yaml gets the helm language", mode.trim() === "Helm", mode);
  const tokens = await page.locator(".view-lines .view-line span span").allInnerTexts();
  check("the grammar tokenizes template actions", tokens.includes("include") && tokens.includes("nindent"),
    "`include` and `nindent` are tokens of their own");
  await command("View: Focus Problems");
  await problems.nth(2).waitFor({ timeout: 30_000 });
  const rows = (await problems.allInnerTexts()).map((r) => r.replace(/\s+/g, " "));
  const policy = lineOf("imagePullPolicey"), port = lineOf("targetPort");
  check(`schema error at line ${policy}`, rows.some((r) => r.includes("imagePullPolicey") && r.includes(`[Ln ${policy},`)));
  check(`undefined value at line ${port}`, rows.some((r) => r.includes(".Values.service.targetPort") && r.includes(`[Ln ${port},`)));
  await command("View: Focus Active Editor Group");
  await gotoLine(policy, 14);
  await k.press("Control+k");
  await k.press("Control+i");
  await page.waitForSelector(".monaco-hover:not(.hidden)", { timeout: 10_000 });
  await pause(500);
  await shot("diagnostics");
  await k.press("Escape");

  // Hover on a value: its computed value and values.yaml doc comment.
  const replicas = lineOf(".Values.replicaCount");
  await gotoLine(replicas, 26);
  await k.press("Control+k");
  await k.press("Control+i");
  await page.waitForSelector(".monaco-hover:not(.hidden)", { timeout: 10_000 });
  await pause(800);
  const hover = (await page.locator(".monaco-hover:not(.hidden)").allInnerTexts()).join(" ").replace(/\s+/g, " ");
  check("hover on .Values.replicaCount", hover.includes("replicaCount"), hover.slice(0, 160));
  await k.press("Escape");

  // `.Values.` completion on a new line.
  await command("View: Hide Panel");
  await gotoLine(replicas);
  await k.press("End");
  await k.press("Enter");
  await k.type("revisionHistoryLimit: {{ .Values.", { delay: 40 });
  const suggest = page.locator(".suggest-widget.visible .monaco-list-row");
  await suggest.first().waitFor({ timeout: 15_000 });
  await pause(800);
  const labels = (await suggest.allInnerTexts()).map((t) => t.split("\n")[0]);
  check("`.Values.` completion lists the top-level values", ["replicaCount", "image", "service"].every((l) => labels.includes(l)),
    labels.join(", "));
  await k.press("Control+Space"); // the details of the selected value: its values.yaml comment
  await page.waitForSelector(".suggest-details-container .suggest-details:not([style*='display: none'])", { timeout: 5_000 })
    .catch(() => {});
  await pause(500);
  const details = (await page.locator(".suggest-details").allInnerTexts()).join(" ").replace(/\s+/g, " ");
  check("the selected completion shows the value's doc comment", details.includes("Number of pods to run"), details.slice(0, 120));
  await shot("completion");
  await k.press("Enter");
  await pause(300);

  // The render preview beside the template, rendered from the unsaved buffer.
  await command("Chart: Render Preview");
  const preview = page.locator(".editor-group-container").nth(1).locator(".view-lines");
  await preview.waitFor({ timeout: 30_000 });
  // Editors render spaces as U+00A0.
  const previewShows = (text) => page.waitForFunction((t) => document.querySelectorAll(".editor-group-container")[1]
    ?.querySelector(".view-lines")?.textContent.replace(/\u00a0/g, " ").includes(t), text, { timeout: 15_000 })
    .then(() => true, () => false);
  check("the preview renders the unsaved edit", await previewShows("revisionHistoryLimit: 2"));
  const shown = (await preview.innerText()).replace(/\u00a0/g, " ");
  check("the preview opens at this template's output", shown.includes("# Source: webapp/templates/deployment.yaml"));
  await shot("preview");
  await k.press("End");
  await k.press("Enter");
  await k.type("minReadySeconds: 7");
  const updated = await previewShows("minReadySeconds: 7");
  check("the preview re-renders as you type", updated);

  // `Chart: Check Chart` adds nothing the server already shows live.
  await command("Chart: Check Chart");
  await page.locator(".notifications-toasts", { hasText: "finding" }).waitFor({ timeout: 60_000 });
  await problems.first().waitFor({ timeout: 10_000 });
  await pause(500);
  const after = (await problems.allInnerTexts()).join("\n");
  check("Check Chart does not duplicate the live diagnostics", !after.includes("chartlsp check"),
    `${(after.match(/chartlsp check/g) ?? []).length} rows from "chartlsp check"`);
}

await main();
