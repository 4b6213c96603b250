import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeFileAtomic } from "../../io/writeFileAtomic";
import type { CommandSpec } from "../commandSpec";
import { findTslab } from "../tslabKernel";
import { UsageError } from "../usageError";

/** Where Jupyter looks for kernelspecs: the `kernels/` folder of one of its data folders. */
export interface KernelLocation {
  /** --user, --sys-prefix or --prefix DIR (the default is --user). */
  user?: boolean;
  sysPrefix?: boolean;
  prefix?: string;
}

/**
 * The user's Jupyter data folder, as jupyter_core computes it: $JUPYTER_DATA_DIR, else
 * ~/Library/Jupyter (macOS), %APPDATA%\jupyter (Windows), $XDG_DATA_HOME/jupyter or
 * ~/.local/share/jupyter (elsewhere).
 */
function userDataDir(env: NodeJS.ProcessEnv): string {
  if (env.JUPYTER_DATA_DIR) return path.resolve(env.JUPYTER_DATA_DIR);
  const home = os.homedir();
  if (process.platform === "darwin") return path.join(home, "Library", "Jupyter");
  if (process.platform === "win32" && env.APPDATA) return path.join(env.APPDATA, "jupyter");
  return path.join(env.XDG_DATA_HOME || path.join(home, ".local", "share"), "jupyter");
}

/** The prefix of the active Python environment: $VIRTUAL_ENV, $CONDA_PREFIX, else python3's sys.prefix. */
function pythonPrefix(env: NodeJS.ProcessEnv): string {
  if (env.VIRTUAL_ENV) return env.VIRTUAL_ENV;
  if (env.CONDA_PREFIX) return env.CONDA_PREFIX;
  for (const python of ["python3", "python"]) {
    const r = spawnSync(python, ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8", env });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  throw new UsageError("--sys-prefix: no Python environment found (no $VIRTUAL_ENV or $CONDA_PREFIX, no python3 on PATH): use --user or --prefix DIR");
}

/**
 * The folder that holds the kernelspec `name` for a location (`<data>/kernels/<name>`).
 *
 * @example
 * kernelSpecDir("grulab", { prefix: "/opt/jupyter" }) // "/opt/jupyter/share/jupyter/kernels/grulab"
 */
export function kernelSpecDir(name: string, where: KernelLocation, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = [where.user === true, where.sysPrefix === true, where.prefix !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new UsageError("choose one of --user, --sys-prefix and --prefix DIR");
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new UsageError(`option --name expects letters, digits, '.', '_' or '-', got "${name}"`);
  let data: string;
  if (where.prefix !== undefined) data = path.join(path.resolve(where.prefix), "share", "jupyter");
  else if (where.sysPrefix) data = path.join(pythonPrefix(env), "share", "jupyter");
  else data = userDataDir(env);
  return path.join(data, "kernels", name);
}

/** The kernel.json of the grulab kernel: this node, grulab's kernel launcher and the project's tslab. */
export function kernelSpec(displayName: string, tslabDir: string): { argv: string[]; display_name: string; language: string; metadata: object } {
  return {
    argv: [process.execPath, path.join(__dirname, "..", "tslabKernel.js"), "--tslab", tslabDir, "--config-path", "{connection_file}"],
    display_name: displayName,
    language: "typescript",
    metadata: { grulab: { tslab: tslabDir } },
  };
}

/**
 * `grulab kernel install|uninstall`: registers the grulab Jupyter kernel (TypeScript through tslab,
 * with grulab's fixes) for JupyterLab, Notebook, VS Code and nbclient; no Python needed.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["install", "--prefix", "/tmp/jupyter"]));
 */
export const command: CommandSpec = {
  name: "kernel",
  summary: "install or uninstall the grulab Jupyter kernel (TypeScript, tslab with grulab's fixes)",
  description: "install writes <data>/kernels/<name>/kernel.json, running this node, grulab's kernel launcher and the\n" +
    "tslab that Node resolves from the current folder (your project). Re-run it after moving the project.\n" +
    "Where: --user (default; $JUPYTER_DATA_DIR or ~/.local/share/jupyter), --sys-prefix (the active Python\n" +
    "environment), --prefix DIR (DIR/share/jupyter; add DIR/share/jupyter to JUPYTER_PATH).",
  args: [{ name: "action", doc: "install or uninstall" }],
  options: [
    { name: "user", type: "flag", doc: "the user's Jupyter data folder (default)" },
    { name: "sys-prefix", type: "flag", doc: "the active Python environment's share/jupyter" },
    { name: "prefix", type: "path", valueName: "DIR", doc: "DIR/share/jupyter/kernels" },
    { name: "name", type: "string", default: "grulab", doc: "the kernel's name (the notebooks' metadata names \"grulab\")" },
    { name: "display-name", type: "string", default: "TypeScript (grulab)", doc: "the name Jupyter shows" },
  ],
  run: async ({ options, args }) => {
    const action = args.action as string;
    if (action !== "install" && action !== "uninstall") throw new UsageError(`grulab kernel expects install or uninstall, got "${action}"`);
    const dir = kernelSpecDir(options.name as string, {
      user: options.user as boolean | undefined,
      sysPrefix: options.sysPrefix as boolean | undefined,
      prefix: options.prefix as string | undefined,
    });
    if (action === "uninstall") {
      if (!fs.existsSync(path.join(dir, "kernel.json"))) throw new Error(`no kernel ${JSON.stringify(options.name)} at ${dir} (nothing to uninstall; same --user/--sys-prefix/--prefix as at install?)`);
      fs.rmSync(dir, { recursive: true, force: true });
      console.log(`kernel: removed ${dir}`);
      return;
    }
    let tslabDir: string;
    try {
      tslabDir = findTslab(undefined, [process.cwd(), __dirname]);
    } catch {
      throw new Error(`tslab is not installed: from ${process.cwd()} Node finds no tslab package (npm install grulab brings it; run this in your project's folder)`);
    }
    const spec = kernelSpec(options.displayName as string, tslabDir);
    fs.mkdirSync(dir, { recursive: true });
    writeFileAtomic(path.join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
    console.log(`kernel: installed "${options.name as string}" (${spec.display_name}) in ${dir}`);
    console.log(`  it runs: ${spec.argv.join(" ")}`);
    if (options.prefix !== undefined) console.log(`  Jupyter finds it with JUPYTER_PATH=${path.dirname(path.dirname(dir))}`);
  },
};
