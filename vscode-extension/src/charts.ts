/** Where charts are, which files are templates, and what the server is sent as settings (no `vscode` import). */
import * as fs from "fs";
import * as path from "path";

export type Exists = (file: string) => boolean;
const defaultExists: Exists = (f) => fs.existsSync(f);

const TEMPLATE_EXT = /\.(ya?ml|tpl|txt)$/i;

/** The chart directory holding `file`: the nearest ancestor with a Chart.yaml. */
export function chartRoot(file: string, exists: Exists = defaultExists): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    if (exists(path.join(dir, "Chart.yaml"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** True for `<chart>/templates/**\/*.{yaml,yml,tpl,txt}` where `<chart>` has a Chart.yaml. */
export function isChartTemplate(file: string, exists: Exists = defaultExists): boolean {
  if (!TEMPLATE_EXT.test(file)) return false;
  const parts = file.split(/[\\/]/);
  for (let i = parts.length - 2; i >= 1; i--) {
    if (parts[i] === "templates") {
      const chart = parts.slice(0, i).join(path.sep) || path.sep;
      return exists(path.join(chart, "Chart.yaml"));
    }
  }
  return false;
}

/** The `name:` of a Chart.yaml (Helm names templates `<name>/templates/...`). */
export function chartName(chartDir: string, read: (f: string) => string = (f) => fs.readFileSync(f, "utf8")): string {
  try {
    const m = /^name:\s*["']?([^"'\s#]+)/m.exec(read(path.join(chartDir, "Chart.yaml")));
    if (m) return m[1];
  } catch {
    /* unreadable Chart.yaml: fall back to the directory name */
  }
  return path.basename(chartDir);
}

/** Candidate values files of a chart: YAML files outside templates/, charts/ and crds/, except Chart.yaml. */
export function valuesFileCandidates(chartDir: string, list: (d: string) => string[] = (d) => fs.readdirSync(d)): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = list(dir);
    } catch {
      return;
    }
    for (const n of names.sort()) {
      const full = path.join(dir, n);
      if (/\.ya?ml$/i.test(n)) {
        if (!(depth === 0 && /^Chart\.ya?ml$/.test(n))) out.push(path.relative(chartDir, full).split(path.sep).join("/"));
      } else if (!n.includes(".") && depth < 2 && !(depth === 0 && ["templates", "charts", "crds"].includes(n))) {
        walk(full, depth + 1);
      }
    }
  };
  walk(chartDir, 0);
  return out;
}

/**
 * The object sent to the server (initializationOptions, didChangeConfiguration,
 * workspace/configuration): the server's keys only, dotted keys nested.
 */
export function settingsPayload(keys: string[], get: (key: string) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const full of keys) {
    const key = full.replace(/^chartlsp\./, "");
    if (key.startsWith("server.") || key.startsWith("trace.")) continue;
    const value = get(key);
    if (value === undefined) continue;
    const parts = key.split(".");
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}
