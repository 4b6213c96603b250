// Test support: `npm run lab` (scripts/lab.py) started for a test, and a JupyterLab root folder
// holding one notebook prepared at its CI parameters, for the browser tests.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT, runScript, tempDir } from "./jupyterScripts";

export interface Lab {
  /** http://127.0.0.1:PORT */
  origin: string;
  token: string;
  /** Everything lab.py and JupyterLab printed so far. */
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts scripts/lab.py (through scripts/python.sh) and resolves once it prints its URL. */
export async function startLab(env: NodeJS.ProcessEnv, args: string[] = []): Promise<Lab> {
  const child = spawn("bash", [path.join(ROOT, "scripts", "python.sh"), path.join(ROOT, "scripts", "lab.py"), ...args],
    { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    return exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 120 s:\n${output}`)), 120_000);
      const poll = setInterval(() => {
        const m = /JupyterLab is ready at (http:\/\/127\.0\.0\.1:\d+\/lab\?token=\w+)/.exec(output);
        if (m) { clearTimeout(timer); clearInterval(poll); resolve(m[1]); }
      }, 100);
      child.on("exit", () => { clearTimeout(timer); clearInterval(poll); reject(new Error(`lab exited:\n${output}`)); });
    });
    const { origin, searchParams } = new URL(url);
    return { origin, token: searchParams.get("token")!, output: () => output, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * A folder for JupyterLab's --root: `notebooks/<name>` is a copy of the project's notebook with
 * its CI parameters injected (run_notebooks.py --ci --no-execute), and `dist`, `node_modules`,
 * `datasets` and `package.json` link to the project's, so that the notebook's
 * `"grulab"` (node_modules/grulab, the self-link) and the kernelspec's tslab resolve as in
 * notebooks/. The caller removes it.
 */
export function labRoot(notebook: string): { root: string; notebook: string } {
  const root = tempDir("jupyterlab");
  fs.mkdirSync(path.join(root, "notebooks"));
  for (const name of ["dist", "node_modules", "datasets", "package.json"]) {
    fs.symlinkSync(path.join(ROOT, name), path.join(root, name));
  }
  const r = runScript("run_notebooks.py", [notebook, "--ci", "--no-execute", "--output-dir", path.join(root, "notebooks")], process.env);
  if (r.status !== 0) throw new Error(`preparing ${notebook} failed:\n${r.stdout}${r.stderr}`);
  return { root, notebook: path.join(root, "notebooks", path.basename(notebook)) };
}
