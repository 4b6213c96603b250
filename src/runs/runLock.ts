// One writer per run folder: the writer lock `<run>/writer.lock`, made atomic by the filesystem.
// The lock file is written complete under a temporary name and hard-linked to its name (link
// fails when the name exists: the O_EXCL of whole files, also on NFS), so a reader never sees a
// half-written lock. docs/reliability.md ("One writer per run") describes the rules.
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RUN_FILES } from "./runFormat";

/**
 * Who holds (or held) a run's writer lock: enough to tell a live writer from a dead one even when
 * its pid has been reused (the process start time) or the machine restarted (the boot id).
 *
 * @example
 * const { owner } = inspectRunLock("runs/x"); owner?.pid; owner?.host;
 */
export interface RunLockOwner {
  pid: number;
  /** os.hostname() of the writer. */
  host: string;
  /** Start time of the writer's process (field 22 of /proc/<pid>/stat, clock ticks since boot); null where /proc is absent. */
  startTime: string | null;
  /** /proc/sys/kernel/random/boot_id of the writer's machine; null where absent. */
  bootId: string | null;
  /** When the lock was taken (ISO time). */
  acquiredAt: string;
  /** Random: tells two locks of the same process apart. */
  nonce: string;
}

/**
 * What {@link inspectRunLock} found: `free` (no lock file), `held` (its writer is alive, or on
 * another host and cannot be checked), `stale` (its writer is gone: the process ended, its pid now
 * belongs to another process, or the machine restarted). `why` says which, in a sentence.
 *
 * @example
 * const s = inspectRunLock("runs/x"); if (s.state === "stale") console.log(s.why);
 */
export interface RunLockState {
  state: "free" | "held" | "stale";
  owner: RunLockOwner | null;
  why: string;
}

/**
 * A writer lock held by this process; `release()` gives it up (also on process exit, and safe to call twice).
 *
 * @example
 * const lock = acquireRunLock("runs/x"); try { … } finally { lock.release(); }
 */
export interface RunLock {
  readonly dir: string;
  readonly file: string;
  readonly owner: RunLockOwner;
  /** True while the lock file is still this lock (false after release, or when `force` took it over). */
  held(): boolean;
  /** Throws when the lock file is no longer this lock (another process took it over with force): stop writing. */
  verify(): void;
  release(): void;
}

/**
 * Options of {@link acquireRunLock}.
 *
 * @example
 * acquireRunLock("runs/x", { force: true, log: console.error });
 */
export interface AcquireRunLockOptions {
  /** Break a lock whose writer looks alive or cannot be checked (another host). A stale lock is broken without it. */
  force?: boolean;
  /** Where a broken lock is reported (default console.error). */
  log?: (line: string) => void;
}

const GUARD_SUFFIX = ".break";
const held = new Map<string, string>(); // nonces of the locks this process holds → their lock files
let exitHook: (() => void) | null = null;

/** This process as a lock owner. */
function me(): RunLockOwner {
  return { pid: process.pid, host: os.hostname(), startTime: processStartTime(process.pid), bootId: bootId(), acquiredAt: new Date().toISOString(), nonce: crypto.randomBytes(8).toString("hex") };
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), null when unreadable. */
function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null; // fields after "(comm) " start at field 3
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by another user
  }
}

/** Reads a lock file: its owner, or null when it is absent; a malformed file is an owner with pid 0 (stale). */
function readOwner(file: string): RunLockOwner | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`${file}: cannot read the run's writer lock (${(err as Error).message})`);
  }
  try {
    const o = JSON.parse(text) as RunLockOwner;
    if (typeof o.pid === "number" && typeof o.host === "string" && typeof o.nonce === "string") return o;
  } catch { /* below */ }
  return { pid: 0, host: os.hostname(), startTime: null, bootId: null, acquiredAt: "", nonce: `malformed:${text.length}:${text.slice(0, 40)}` };
}

/** Whether `owner` is a live writer, judged on this host by pid, process start time and boot id. */
function judge(owner: RunLockOwner): { state: "held" | "stale"; why: string } {
  const who = `process ${owner.pid} on ${owner.host}${owner.acquiredAt ? ` (since ${owner.acquiredAt})` : ""}`;
  if (owner.pid === 0) return { state: "stale", why: "the lock file is malformed (its writer died while writing it)" };
  if (owner.host !== os.hostname()) return { state: "held", why: `${who} holds it; that host cannot be checked from here` };
  const boot = bootId();
  if (owner.bootId && boot && owner.bootId !== boot) return { state: "stale", why: `${who} held it before the machine restarted (boot id changed)` };
  if (!processAlive(owner.pid)) return { state: "stale", why: `${who} held it and has ended` };
  const start = processStartTime(owner.pid);
  if (owner.startTime && start && start !== owner.startTime) {
    return { state: "stale", why: `${who} held it; pid ${owner.pid} now belongs to another process (started at tick ${start}, the writer at ${owner.startTime})` };
  }
  return { state: "held", why: `${who} holds it and is alive${owner.pid === process.pid ? " (this process: another Run object writes the run)" : ""}` };
}

/**
 * Looks at a run folder's writer lock without changing anything: `free`, `held` (with who), or
 * `stale` (why the writer is known to be gone). Readers use it to tell a running run from one
 * whose writer died (openRun shows it as `crashed`).
 *
 * @example
 * inspectRunLock("runs/20261127-101500-tutorial") // { state: "stale", why: "process 4242 on box held it and has ended", owner: {…} }
 */
export function inspectRunLock(dir: string): RunLockState {
  const owner = readOwner(path.join(dir, RUN_FILES.lock));
  if (owner === null) return { state: "free", owner: null, why: "no writer holds the run" };
  return { owner, ...judge(owner) };
}

/** Writes `owner` to a temporary file and links it to `file`: false when `file` exists. */
function createLockFile(file: string, owner: RunLockOwner): boolean {
  const tmp = `${file}.${owner.pid}.${owner.nonce}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(owner) + "\n", { flag: "wx" });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw new Error(`${file}: cannot create the run's writer lock (${(err as Error).message})`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Removes `file` only if it still holds the lock with `nonce`: rename it aside, check, put back what is not ours. */
function removeIfNonce(file: string, nonce: string): boolean {
  const aside = `${file}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.aside`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
  const found = readOwner(aside);
  if (found?.nonce === nonce) {
    fs.rmSync(aside, { force: true });
    return true;
  }
  try { fs.linkSync(aside, file); } catch { /* a newer lock took the name: it stands */ }
  fs.rmSync(aside, { force: true });
  return false;
}

/**
 * Breaks the lock with `nonce` while holding the break guard (`writer.lock.break`), so that of
 * several processes that found the same stale lock only one removes it; the others see the lock
 * of whoever won. Returns false when another process is breaking it (try again).
 */
function breakLock(file: string, nonce: string, force: boolean): boolean {
  const guard = file + GUARD_SUFFIX;
  const guardOwner = me();
  if (!createLockFile(guard, guardOwner)) {
    const other = readOwner(guard);
    if (other && judge(other).state === "stale" && (force || ageMs(guard) > 10_000)) {
      removeIfNonce(guard, other.nonce); // a breaker that died mid-break (a millisecond window)
    }
    return false;
  }
  try {
    const current = readOwner(file);
    if (current?.nonce === nonce) fs.rmSync(file, { force: true }); // only the guard holder removes, and only the lock it judged
    return true;
  } finally {
    removeIfNonce(guard, guardOwner.nonce);
  }
}

/**
 * Takes the writer lock of run folder `dir` (`<dir>/writer.lock`), atomically: of any number of
 * processes (or Run objects of one process) trying at once, exactly one gets it. A stale lock
 * (its writer ended, its pid was reused by another process, or the machine restarted — judged by
 * host name, pid, process start time and boot id) is broken and reported. A lock held by a live
 * writer, or by a writer on another host, is refused with an Error naming the lock file, the
 * writer and what to do, unless `force` is given: then it is broken and the log says whose it was
 * (the old writer, if alive, stops at its next epoch: `verify` fails). The lock is released by
 * `release()`, and on process exit; a killed process leaves a stale lock that the next writer breaks.
 *
 * @example
 * const lock = acquireRunLock("runs/20261127-101500-tutorial");
 * try {
 *   // … write the run folder …
 *   lock.verify(); // before each commit: still ours?
 * } finally {
 *   lock.release();
 * }
 */
export function acquireRunLock(dir: string, options: AcquireRunLockOptions = {}): RunLock {
  const log = options.log ?? ((line: string) => console.error(line));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`run folder ${dir} does not exist (cannot take its writer lock)`);
  const file = path.join(path.resolve(dir), RUN_FILES.lock);
  const owner = me();
  for (let attempt = 0; ; attempt++) {
    if (createLockFile(file, owner)) break;
    const current = readOwner(file);
    if (current === null) continue; // released meanwhile
    const { state, why } = judge(current);
    if (state === "held" && !options.force) {
      throw new Error(`${file}: the run has a live writer: ${why}. Let it finish, or stop it (kill -INT ${current.pid}${current.host !== os.hostname() ? ` on ${current.host}` : ""}) and try again; ` +
        `if you know that writer is gone, take the run over with --force (grulab resume --force) or { force: true }`);
    }
    if (breakLock(file, current.nonce, state === "held")) {
      log(`grulab: ${state === "stale" ? "broke a stale writer lock" : "--force: took the writer lock over"} of ${dir}: ${why}`);
    } else if (attempt > 200) {
      throw new Error(`${file}${GUARD_SUFFIX}: another process keeps breaking this run's lock; remove the file if no grulab process is running, or use --force`);
    } else {
      sleepMs(5 + Math.random() * 10); // another process is breaking it now
    }
  }
  held.set(owner.nonce, file);
  if (exitHook === null) {
    exitHook = () => { for (const [nonce, f] of held) { try { removeIfNonce(f, nonce); } catch { /* exiting */ } } };
    process.on("exit", exitHook);
  }
  const lock: RunLock = {
    dir: path.resolve(dir), file, owner,
    held: () => held.has(owner.nonce) && readOwner(file)?.nonce === owner.nonce,
    verify: () => {
      if (!held.has(owner.nonce)) throw new Error(`${file}: this writer released the run's lock; it may not write the run any more`);
      const now = readOwner(file);
      if (now?.nonce !== owner.nonce) {
        held.delete(owner.nonce);
        throw new Error(`${file}: the run's writer lock was taken over (${now ? `by process ${now.pid} on ${now.host}, with --force` : "the lock file was removed"}); this process stops writing the run`);
      }
    },
    release: () => {
      if (!held.has(owner.nonce)) return;
      held.delete(owner.nonce);
      removeIfNonce(file, owner.nonce);
      if (held.size === 0 && exitHook) { process.off("exit", exitHook); exitHook = null; }
    },
  };
  return lock;
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Synchronous short wait (the lock is taken in synchronous code). */
function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
