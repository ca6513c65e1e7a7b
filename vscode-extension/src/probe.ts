/** Node-side helpers of the launch logic: run the probe, read the bundled requirement list. */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { NativeRequirement, ProbeResult, probeScript } from "./launch";

/** Run {@link probeScript} with `python`; rejects with a readable reason when it cannot run. */
export function probePython(python: string, env: NodeJS.ProcessEnv, modules: string[], timeoutMs = 15000): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    execFile(python, ["-c", probeScript(modules)], { env, timeout: timeoutMs, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        reject(new Error(code === "ENOENT" ? "not found" : (stderr.trim().split("\n").pop() || err.message)));
        return;
      }
      try {
        const line = stdout.trim().split("\n").pop() ?? "";
        const parsed = JSON.parse(line) as ProbeResult;
        if (!Array.isArray(parsed.version)) throw new Error("no version");
        resolve(parsed);
      } catch {
        reject(new Error(`unexpected output: ${stdout.trim().slice(0, 200)}`));
      }
    });
  });
}

/** `bundled/native-requirements.json`, written by scripts/bundle-server.sh. */
export function readNativeRequirements(extensionDir: string): NativeRequirement[] {
  const file = path.join(extensionDir, "bundled", "native-requirements.json");
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as NativeRequirement[];
  } catch {
    return [];
  }
}
