import * as fs from "fs";
import * as path from "path";

/**
 * Creates and returns a fresh run folder `<parent>/<YYYYMMDD-HHMMSS>-<name>/` (local time); a
 * second run in the same second gets a `-2`, `-3`, … suffix instead of mixing files.
 *
 * @example
 * makeRunDir("runs", "tutorial") // "runs/20261127-101500-tutorial"
 */
export function makeRunDir(parent: string, name: string, now: Date = new Date()): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`makeRunDir: run name "${name}" must be letters, digits, _ . - only`);
  const p = (v: number) => String(v).padStart(2, "0");
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  fs.mkdirSync(parent, { recursive: true });
  for (let k = 1; ; k++) {
    const dir = path.join(parent, `${stamp}-${name}${k === 1 ? "" : `-${k}`}`);
    try {
      fs.mkdirSync(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`makeRunDir: cannot create ${dir}: ${(err as Error).message}`);
    }
  }
}
