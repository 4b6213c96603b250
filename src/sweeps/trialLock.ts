import * as fs from "fs";
import * as path from "path";
import { acquireRunLock } from "../runs/runLock";

/**
 * Runs `body` while holding trial `id`'s lock: the runs module's one-writer lock (acquireRunLock:
 * atomic, stale when its writer ended, its pid was reused or the machine restarted) taken on
 * `<sweepDir>/trials/.locks/<id>/`. It covers the trial's decisions (is it done? promote it?) and
 * its trial.json; the run folder itself also has its own writer.lock, taken by startRun/reopenRun
 * inside. A second worker given the same trial at the same time gets an Error naming the lock
 * and its holder instead of writing the same folder.
 *
 * @example
 * await withTrialLock("/runs/sweeps/cells", "3fa2c1d0e9b8", () => runIt());
 */
export async function withTrialLock<T>(sweepDir: string, id: string, body: () => Promise<T>): Promise<T> {
  const dir = path.join(sweepDir, "trials", ".locks", id);
  fs.mkdirSync(dir, { recursive: true });
  const lock = acquireRunLock(dir, { log: (line) => console.error(`grulab: trial ${id}: ${line}`) });
  try {
    return await body();
  } finally {
    lock.release();
  }
}
