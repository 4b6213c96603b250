// Test support: a fresh temp folder that the test's cleanup removes.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Creates `<tmp>/grulab-<prefix>-XXXXXX` and removes it (recursively) after the test.
 *
 * @example
 * test("…", (t) => { const dir = tempFolder(t, "sweep"); … });
 */
export function tempFolder(t: { after(fn: () => void): void }, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `grulab-${prefix}-`));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
