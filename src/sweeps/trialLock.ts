import * as fs from "fs";
import * as os from "os";

// A stand-in for the run folder's one-writer lock until the runs module has one: `<dir>.lock`,
// made with O_EXCL, holding the host and pid of its writer. A lock of a dead process on this host
// is taken over; a lock of another host is respected (that machine's worker may be alive).

/**
 * Runs `body` while holding the one-writer lock of the run folder `dir`; another writer (another
 * worker given the same trial) gets an error naming the lock file and its holder instead of
 * writing the same folder at once.
 *
 * @example
 * await withTrialLock("runs/sweeps/cells/trials/3fa2c1d0e9b8", () => runIt());
 */
export async function withTrialLock<T>(dir: string, body: () => Promise<T>): Promise<T> {
  const file = `${dir}.lock`;
  const me = { host: os.hostname(), pid: process.pid };
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me) + "\n", { flag: "wx" });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw lockError(file, err as Error);
      const holder = readHolder(file);
      if (holder && holder.host === me.host && !alive(holder.pid)) fs.rmSync(file, { force: true }); // its writer died: take it over
      else throw lockError(file, err as Error);
    }
  }
  try {
    return await body();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function readHolder(file: string): { host: string; pid: number } | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as { host: string; pid: number };
  } catch {
    return null;
  }
}

function lockError(file: string, cause: Error): Error {
  const holder = readHolder(file);
  return new Error(`${file}: the trial's run folder is being written by ${holder ? `process ${holder.pid} on ${holder.host}` : "another process"} (${cause.message}): one writer at a time`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
