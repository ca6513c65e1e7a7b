/**
 * How the extension finds a Python able to run `chartlsp serve`.
 *
 * Pure logic behind an injected {@link LaunchHost} (no `vscode` import), so the
 * discovery order and every error message are unit-tested with fakes and the
 * same code launches the real server in the end-to-end test.
 *
 * Order (issue 6): `chartlsp.server.path` (a `chartlsp` executable), then
 * `chartlsp.server.python`, then the Python extension's active interpreter
 * (when that extension is installed), then `python3` on PATH. Explicit settings
 * are authoritative: a bad one is reported rather than silently skipped.
 */
import * as path from "path";

export const MIN_PYTHON: [number, number] = [3, 11];

/** What a Python interpreter reports about itself (see {@link PROBE_SCRIPT}). */
export interface ProbeResult {
  version: [number, number, number];
  executable: string;
  /** Import names of compiled dependencies it cannot import (checked only on ≥ 3.11). */
  missing: string[];
}

/** One compiled dependency: what to `pip install` and what to import. */
export interface NativeRequirement {
  requirement: string;
  module: string;
}

export interface LaunchHost {
  /** `chartlsp.server.path` / `chartlsp.server.python` settings (empty string: unset). */
  setting(key: "server.path" | "server.python"): string;
  /** The Python extension's active interpreter, or undefined when it is absent or has none. */
  pythonExtensionInterpreter(): Promise<string | undefined>;
  /** Run the probe script with `python`; rejects when the program cannot be run. */
  probe(python: string, env: NodeJS.ProcessEnv): Promise<ProbeResult>;
  exists(file: string): boolean;
  platform: NodeJS.Platform;
  /** The extension's install directory (holds `bundled/`). */
  extensionDir: string;
  /** Private per-interpreter environments created by "Set up environment". */
  storageDir: string;
  baseEnv: NodeJS.ProcessEnv;
}

export type Source = "server.path" | "server.python" | "python extension" | "PATH" | "private environment";

export interface ServerCommand {
  kind: "ok";
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  source: Source;
  /** The interpreter in use (undefined for a `chartlsp` executable). */
  python?: string;
  version?: string;
}

export interface LaunchProblem {
  kind: "error";
  message: string;
  /** The concrete fix, shown in the notification. */
  fix: string;
  /** Set when a usable interpreter lacks compiled packages: a private environment can fix it. */
  missing?: { python: string; modules: string[]; envDir: string };
}

export type LaunchResult = ServerCommand | LaunchProblem;

/** Printed by the interpreter under test; ≥ 3.11 also checks the compiled modules. */
export function probeScript(modules: string[]): string {
  return [
    "import sys, json, importlib.util",
    "v = list(sys.version_info[:3])",
    `m = [n for n in ${JSON.stringify(modules)} if importlib.util.find_spec(n) is None] if sys.version_info >= (3, 11) else []`,
    "print(json.dumps({'version': v, 'executable': sys.executable, 'missing': m}))",
  ].join("\n");
}

export function bundledLibs(extensionDir: string): string {
  return path.join(extensionDir, "bundled", "libs");
}

/** Environment for `python -m chartlsp serve`: bundled pure-Python libraries first on the path. */
export function serverEnv(base: NodeJS.ProcessEnv, extensionDir: string, platform: NodeJS.Platform): NodeJS.ProcessEnv {
  const sep = platform === "win32" ? ";" : ":";
  const libs = bundledLibs(extensionDir);
  const env: NodeJS.ProcessEnv = { ...base, PYTHONUNBUFFERED: "1", PYTHONNOUSERSITE: undefined };
  delete env.PYTHONNOUSERSITE;
  env.PYTHONPATH = base.PYTHONPATH ? `${libs}${sep}${base.PYTHONPATH}` : libs;
  return env;
}

/** The private environment's directory for an interpreter (one per interpreter path). */
export function privateEnvDir(storageDir: string, python: string): string {
  let h = 0;
  for (const ch of python) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return path.join(storageDir, `pyenv-${h.toString(16)}`);
}

export function envPython(envDir: string, platform: NodeJS.Platform): string {
  return platform === "win32" ? path.join(envDir, "Scripts", "python.exe") : path.join(envDir, "bin", "python");
}

export function versionText(v: number[]): string {
  return v.join(".");
}

function tooOld(v: number[]): boolean {
  return v[0] < MIN_PYTHON[0] || (v[0] === MIN_PYTHON[0] && v[1] < MIN_PYTHON[1]);
}

const NEED = `Python ${MIN_PYTHON.join(".")} or newer`;
const FIX_PYTHON = `Install ${NEED} (python.org, your package manager, pyenv or uv) and set "chartlsp.server.python" to its path, or select it in the Python extension.`;

interface Tried {
  label: string;
  outcome: string;
}

/**
 * Decide how to start the server. Never throws: every failure is a
 * {@link LaunchProblem} whose message says what was tried and how to fix it.
 */
export async function resolveServer(host: LaunchHost, natives: NativeRequirement[]): Promise<LaunchResult> {
  const exe = host.setting("server.path").trim();
  if (exe) {
    if (!host.exists(exe)) {
      return {
        kind: "error",
        message: `chartlsp.server.path is set to "${exe}", which does not exist.`,
        fix: `Point "chartlsp.server.path" at an installed chartlsp executable (e.g. from \`pipx install chartlsp\`), or clear it to use the bundled server.`,
      };
    }
    return { kind: "ok", command: exe, args: ["serve"], env: { ...host.baseEnv }, source: "server.path" };
  }
  const modules = natives.map((n) => n.module);
  const env = serverEnv(host.baseEnv, host.extensionDir, host.platform);
  const explicit = host.setting("server.python").trim();
  if (explicit) {
    return fromInterpreter(host, explicit, "server.python", modules, env, true, []);
  }
  const tried: Tried[] = [];
  const fromExtension = await host.pythonExtensionInterpreter().catch(() => undefined);
  if (fromExtension) {
    const r = await fromInterpreter(host, fromExtension, "python extension", modules, env, false, tried);
    if (r) return r;
  }
  for (const name of host.platform === "win32" ? ["python3", "python"] : ["python3"]) {
    const r = await fromInterpreter(host, name, "PATH", modules, env, false, tried);
    if (r) return r;
  }
  const detail = tried.map((t) => `${t.label}: ${t.outcome}`).join("; ");
  return {
    kind: "error",
    message: `chartlsp needs ${NEED}, and none was found (${detail || "nothing to try"}).`,
    fix: FIX_PYTHON,
  };
}

async function fromInterpreter(host: LaunchHost, python: string, source: Source, modules: string[],
  env: NodeJS.ProcessEnv, authoritative: true, tried: Tried[]): Promise<LaunchResult>;
async function fromInterpreter(host: LaunchHost, python: string, source: Source, modules: string[],
  env: NodeJS.ProcessEnv, authoritative: false, tried: Tried[]): Promise<LaunchResult | undefined>;
async function fromInterpreter(host: LaunchHost, python: string, source: Source, modules: string[],
  env: NodeJS.ProcessEnv, authoritative: boolean, tried: Tried[]): Promise<LaunchResult | undefined> {
  const label = source === "server.python" ? `chartlsp.server.python ("${python}")` :
    source === "python extension" ? `the Python extension's interpreter (${python})` : `${python} on PATH`;
  let info: ProbeResult;
  try {
    info = await host.probe(python, env);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (authoritative) {
      return { kind: "error", message: `${label} cannot be run: ${why}`, fix: FIX_PYTHON };
    }
    tried.push({ label, outcome: "not runnable" });
    return undefined;
  }
  if (tooOld(info.version)) {
    if (authoritative) {
      return {
        kind: "error",
        message: `${label} is Python ${versionText(info.version)}; chartlsp needs ${NEED}.`,
        fix: FIX_PYTHON,
      };
    }
    tried.push({ label, outcome: `Python ${versionText(info.version)}` });
    return undefined;
  }
  const ok = (exe: string, src: Source, version: number[]): ServerCommand => ({
    kind: "ok", command: exe, args: ["-m", "chartlsp", "serve"], env, source: src, python: exe, version: versionText(version),
  });
  if (info.missing.length === 0) return ok(python, source, info.version);
  const envDir = privateEnvDir(host.storageDir, info.executable);
  const venvPython = envPython(envDir, host.platform);
  if (host.exists(venvPython)) {
    try {
      const venv = await host.probe(venvPython, env);
      if (venv.missing.length === 0) return ok(venvPython, "private environment", venv.version);
    } catch {
      /* a broken private environment: offer to rebuild it below */
    }
  }
  return {
    kind: "error",
    message: `${label} (Python ${versionText(info.version)}) lacks compiled packages chartlsp needs: ${info.missing.join(", ")}.`,
    fix: `Choose "Set up environment" to install them into a private environment of this extension, or install them into that interpreter yourself.`,
    missing: { python: info.executable, modules: info.missing, envDir },
  };
}

/** argv lists for creating the private environment and installing the compiled requirements into it. */
export function setupCommands(python: string, envDir: string, natives: NativeRequirement[], platform: NodeJS.Platform): string[][] {
  return [
    [python, "-m", "venv", envDir],
    [envPython(envDir, platform), "-m", "pip", "install", "--disable-pip-version-check", ...natives.map((n) => n.requirement)],
  ];
}
