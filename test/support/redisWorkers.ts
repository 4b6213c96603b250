// `grulab worker` processes for the queue tests, started on a private Redis and stopped by pid.
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";

const GRULAB = path.join(__dirname, "..", "..", "..", "bin", "grulab.js");

/** A running `grulab worker`: its pid, its output so far, and how to stop it. */
export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  output(): string;
  /** Sends `signal` (default SIGTERM) and waits for the exit; SIGKILL after 20 s. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on("exit", () => { for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL"); });

/**
 * Starts `grulab worker --redis url …args` and resolves once it takes trials (its "taking trials"
 * line). Stop it in the test's cleanup; a worker left running is killed when the process exits.
 *
 * @example
 * const w = await startWorker(redis.url, ["--concurrency", "1", "--lock-ms", "2000"]);
 * t.after(() => w.stop());
 */
export function startWorker(url: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [GRULAB, "worker", "--redis", url, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => { out += d.toString(); });
  child.stderr!.on("data", (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once("exit", () => { live.delete(child); resolve(); }));
  const worker: WorkerProcess = {
    child, pid: child.pid as number, output: () => out,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      child.kill(signal);
      await exited;
      clearTimeout(timer);
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`grulab worker did not start within 60 s:\n${out}`)); }, 60_000);
    const onData = () => { if (/taking trials/.test(out)) { clearTimeout(timer); resolve(worker); } };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`grulab worker exited with ${code}:\n${out}`)); });
  });
}
