// BullMQ's empty-job throughput on this machine: a private redis-server (scripts/redis.sh: AOF
// everysec, noeviction), 1–4 worker processes (one BullMQ Worker each, concurrency 1, the sweep
// queue's job options) taking `--jobs` empty jobs (default 2000) added in bulk; the time from the
// first add to the last completion, and the Redis commands per job: those Redis ran and the Lua
// scripts among them (EVALSHA; INFO commandstats counts the commands inside scripts too),
// everything (add, take, finish, the workers' idle waits; the bench's own completion poll subtracted).
// Prints a table and writes bench/queue-results.json.
//   npm run build && node dist/bench/queueThroughput.js [--jobs N] [--max-workers 4]
import { spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { writeFileAtomic } from "../src/io/writeFileAtomic";
import { redisTarget } from "../src/sweeps/queue/redisTarget";
import { trialQueue } from "../src/sweeps/queue/trialQueue";
import { startRedisServer } from "../test/support/redisServer";

const root = path.resolve(__dirname, "..", "..");
const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };

/** Child: one BullMQ worker with an empty processor on `queueName`; prints READY, stops on SIGTERM. */
async function childWorker(url: string, queueName: string): Promise<void> {
  const worker = new Worker(queueName, async () => null, { connection: trialQueue.connection(redisTarget(url)), prefix: trialQueue.prefix, concurrency: 1 });
  await worker.waitUntilReady();
  process.on("SIGTERM", () => { void worker.close().then(() => process.exit(0)); });
  console.log("READY");
}

/** Commands run by the server, those inside Lua scripts included, and the Lua scripts run (EVALSHA: BullMQ's atomic steps), from INFO commandstats. */
async function counts(redis: Redis): Promise<{ commands: number; scripts: number }> {
  const stats = await redis.info("commandstats");
  const scripts = [...stats.matchAll(/cmdstat_(?:evalsha|eval):calls=(\d+)/g)].reduce((s, m) => s + Number(m[1]), 0);
  return { commands: [...stats.matchAll(/calls=(\d+)/g)].reduce((s, m) => s + Number(m[1]), 0), scripts };
}

function spawnWorker(url: string, queueName: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [__filename, "--worker", url, queueName], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => { if (d.toString().includes("READY")) resolve(child); });
    child.on("exit", (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const jobs = Number(arg("--jobs") ?? 2000);
  const maxWorkers = Number(arg("--max-workers") ?? 4);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-queue-bench-"));
  const server = await startRedisServer(dir);
  const children: ChildProcess[] = [];
  const rows: Array<Record<string, number>> = [];
  const loadBefore = os.loadavg()[0];
  try {
    const redis = new Redis(server.url);
    const version = /redis_version:(\S+)/.exec(await redis.info("server"))?.[1];
    for (let workers = 1; workers <= maxWorkers; workers++) {
      const queueName = `bench-${workers}`;
      const queue = new Queue(queueName, { connection: trialQueue.connection(redisTarget(server.url)), prefix: trialQueue.prefix });
      for (let i = 0; i < workers; i++) children.push(await spawnWorker(server.url, queueName));
      // One poll's commands, measured alone (subtracted below; 2 = the INFO calls of counts()).
      await redis.config("RESETSTAT");
      const c0 = await counts(redis);
      for (let i = 0; i < 10; i++) await queue.getCompletedCount();
      const c1 = await counts(redis);
      const perPoll = { commands: (c1.commands - c0.commands - 2) / 10, scripts: (c1.scripts - c0.scripts) / 10 };
      await redis.config("RESETSTAT");
      const t0 = performance.now();
      for (let i = 0; i < jobs; i += 500) {
        await queue.addBulk(Array.from({ length: Math.min(500, jobs - i) }, (_, k) => ({ name: "empty", data: {}, opts: { ...trialQueue.jobOptions, jobId: `job-${i + k}` } })));
      }
      let polls = 0;
      while ((await queue.getCompletedCount()) < jobs) { polls++; await new Promise((r) => setTimeout(r, 20)); }
      const seconds = (performance.now() - t0) / 1000;
      const c = await counts(redis);
      const commands = c.commands - polls * perPoll.commands - 2;
      const scripts = c.scripts - polls * perPoll.scripts;
      rows.push({ workers, jobs, seconds, jobsPerSecond: jobs / seconds, redisCommandsPerJob: commands / jobs, luaScriptsPerJob: scripts / jobs, loadAverage: os.loadavg()[0] });
      for (const c of children.splice(0)) { c.kill("SIGTERM"); await new Promise((r) => c.once("exit", r)); }
      await queue.obliterate({ force: true });
      await queue.close();
    }
    redis.disconnect();
    const cores = os.cpus().length;
    console.log(`BullMQ empty jobs, ${jobs} per row, Redis ${version} (AOF everysec) and the workers on this machine's ${cores} cores; load average before ${loadBefore.toFixed(2)}`);
    console.log("(cmds/job: commands Redis ran, inside Lua scripts included; scripts/job: BullMQ's Lua scripts, EVALSHA)");
    console.log("workers".padStart(8) + "seconds".padStart(10) + "jobs/s".padStart(10) + "cmds/job".padStart(10) + "scripts/job".padStart(12) + "load".padStart(8));
    for (const r of rows) console.log(String(r.workers).padStart(8) + r.seconds.toFixed(2).padStart(10) + r.jobsPerSecond.toFixed(0).padStart(10) + r.redisCommandsPerJob.toFixed(1).padStart(10) + r.luaScriptsPerJob.toFixed(1).padStart(12) + r.loadAverage.toFixed(2).padStart(8));
    const out = path.join(root, "bench", "queue-results.json");
    const bullmq = (JSON.parse(fs.readFileSync(require.resolve("bullmq/package.json"), "utf8")) as { version: string }).version;
    writeFileAtomic(out, JSON.stringify({ date: new Date().toISOString(), command: "node dist/bench/queueThroughput.js", jobs, cores, node: process.version, redis: version, bullmq, appendfsync: "everysec", loadAverageBefore: loadBefore, rows }, null, 2) + "\n");
    console.log(`wrote ${out}`);
  } finally {
    for (const c of children) c.kill("SIGKILL");
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv[2] === "--worker") childWorker(process.argv[3], process.argv[4]).catch((err) => { console.error(err); process.exit(1); });
  else main().catch((err) => { console.error(err); process.exitCode = 1; });
}
