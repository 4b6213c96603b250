// A private redis-server for the queue tests and benchmarks, started through scripts/redis.sh
// (127.0.0.1, a random free port, a random password, AOF on, noeviction), stopped by its pid.
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";

const SCRIPT = path.join(__dirname, "..", "..", "..", "scripts", "redis.sh");

/** A running private redis-server: its URL (with the password), its pid and data folder. */
export interface RedisServer {
  url: string;
  password: string;
  port: number;
  pid: number;
  dir: string;
  /** Stops the server (SIGTERM: it fsyncs the AOF and exits; SIGKILL: a crash) and waits for its exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops it and starts it again on the same port, password and data (the queue survives in the AOF). */
  restart(signal?: NodeJS.Signals): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on("exit", () => { for (const c of live) if (c.exitCode === null) c.kill("SIGKILL"); });

function launch(dir: string, fsync: "everysec" | "always"): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn("bash", [SCRIPT], { env: { ...process.env, GRULAB_REDIS_DIR: dir, GRULAB_REDIS_FSYNC: fsync }, stdio: ["ignore", "pipe", "pipe"] });
  live.add(child);
  child.on("exit", () => live.delete(child));
  return new Promise((resolve, reject) => {
    let out = "";
    let url = "";
    const timer = setTimeout(() => { child.kill("SIGKILL"); reject(new Error(`redis-server did not start within 10 s:\n${out}`)); }, 10_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      url ||= /GRULAB_REDIS_URL=(\S+)/.exec(out)?.[1] ?? "";
      if (url && /Ready to accept connections/.test(out)) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve({ child, url });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`redis-server exited with ${code} before it was ready:\n${out}`)); });
  });
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => { clearTimeout(kill); resolve(); });
    child.kill(signal);
  });
}

/**
 * Starts a private redis-server with its data in `dir` (created). Stop it in the test's cleanup
 * (`t.after(() => server.stop())`); a server left running is killed when the process exits.
 *
 * @example
 * const redis = await startRedisServer(fs.mkdtempSync(path.join(os.tmpdir(), "redis-")));
 * try { … redis.url … } finally { await redis.stop(); }
 */
export async function startRedisServer(dir: string, options: { fsync?: "everysec" | "always" } = {}): Promise<RedisServer> {
  fs.mkdirSync(dir, { recursive: true });
  const fsync = options.fsync ?? "everysec";
  let { child, url } = await launch(dir, fsync);
  const u = new URL(url);
  const server: RedisServer = {
    url,
    password: decodeURIComponent(u.password),
    port: Number(u.port),
    pid: child.pid as number,
    dir,
    stop: (signal = "SIGTERM") => stopChild(child, signal),
    restart: async (signal = "SIGTERM") => {
      await stopChild(child, signal);
      ({ child, url } = await launch(dir, fsync));
      server.pid = child.pid as number;
    },
  };
  return server;
}
