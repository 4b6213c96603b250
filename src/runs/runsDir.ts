import * as fs from "fs";
import * as path from "path";

/**
 * The default parent folder of run folders: `$GRULAB_RUNS` when set (relative to `cwd`), else
 * `runs/` in the project, the nearest folder at or above `cwd` that holds a package.json (a
 * notebook's kernel runs in `notebooks/`, so its runs land in `<project>/runs/`), else `cwd/runs`.
 *
 * @example
 * defaultRunsDir() // "/home/me/grulab/runs", also from /home/me/grulab/notebooks
 */
export function defaultRunsDir(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  if (env.GRULAB_RUNS) return path.resolve(cwd, env.GRULAB_RUNS);
  const start = path.resolve(cwd);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return path.join(dir, "runs");
    if (path.dirname(dir) === dir) return path.join(start, "runs");
  }
}
