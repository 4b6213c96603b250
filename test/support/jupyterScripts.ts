// Test support: runs grulab's Jupyter scripts (scripts/*.py) the way the npm scripts do, with
// Jupyter's config/data/runtime folders in a fresh temp folder so $HOME stays untouched.
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The project root (tests run from dist/test/...). */
export const ROOT = path.resolve(__dirname, "..", "..", "..");

/** A temp folder removed by the caller (`fs.rmSync(dir, { recursive: true, force: true })`). */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `grulab-${prefix}-`));
}

/** Environment with JUPYTER_CONFIG_DIR/DATA_DIR/RUNTIME_DIR inside `dir`. */
export function jupyterEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    JUPYTER_CONFIG_DIR: path.join(dir, "config"),
    JUPYTER_DATA_DIR: path.join(dir, "data"),
    JUPYTER_RUNTIME_DIR: path.join(dir, "runtime"),
    ...extra,
  };
}

/** Runs `scripts/<script>` through scripts/python.sh (the pinned environment .venv/, created on first use). */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  const result = spawnSync("bash", [path.join(ROOT, "scripts", "python.sh"), path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return result;
}
