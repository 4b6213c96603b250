import * as fs from "fs";
import * as path from "path";

/**
 * Writes a file so that readers never see it half-written: the data goes to a temporary
 * file in the same folder, which is then renamed over the target. Parent folders are made.
 *
 * @example
 * writeFileAtomic("runs/x/metrics.json", JSON.stringify(metrics, null, 2));
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`could not write ${file}: ${(err as Error).message}`);
  }
}
