// Redis operations per trial of a real sweep through the queue: a private redis-server, two
// `grulab worker` processes (default settings: lock 30 s, progress when an epoch ends), a grid sweep of
// `--trials` tiny trials (test/sweeps/queue/tinyTrial, `--epoch-ms` pause per epoch so that a
// trial lasts a few seconds) driven by queueExecutor (its fallback poll every 10 s). INFO commandstats before
// and after: commands Redis ran (inside BullMQ's Lua scripts included), the scripts, and the
// commands by name; MEMORY USAGE of a finished job. Prints a table and writes bench/queue-ops-results.json.
//   npm run build && node dist/bench/queueOps.js [--trials 8] [--epoch-ms 500]
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Redis } from "ioredis";
import { writeFileAtomic } from "../src/io/writeFileAtomic";
import { queueExecutor } from "../src/sweeps/queue/queueExecutor";
import { trialQueue } from "../src/sweeps/queue/trialQueue";
import { startSweep } from "../src/sweeps/startSweep";
import { startRedisServer } from "../test/support/redisServer";
import { startWorker, type WorkerProcess } from "../test/support/redisWorkers";

const root = path.resolve(__dirname, "..", "..");
const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };

async function commandStats(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info("commandstats");
  return new Map([...info.matchAll(/cmdstat_([^:]+):calls=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
}

async function main(): Promise<void> {
  const trials = Number(arg("--trials") ?? 8);
  const epochMs = Number(arg("--epoch-ms") ?? 500);
  const epochs = 4;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-queue-ops-"));
  const server = await startRedisServer(path.join(dir, "redis"));
  const workers: WorkerProcess[] = [];
  const loadBefore = os.loadavg()[0];
  try {
    for (let i = 0; i < 2; i++) workers.push(await startWorker(server.url, ["--concurrency", "1", "--backend", "cpu"], { GRULAB_TEST_EPOCH_MS: String(epochMs) }));
    const redis = new Redis(server.url);
    await redis.config("RESETSTAT");
    const t0 = performance.now();
    const executor = await queueExecutor({ redis: server.url, log: () => undefined });
    const sweep = await startSweep("ops", {
      trial: { module: path.join(root, "dist", "test", "sweeps", "queue", "tinyTrial.js"), export: "tinyTrial" },
      space: { units: [4], seed: Array.from({ length: trials }, (_, i) => i + 1) }, metric: "val_loss", budget: { epochs }, executor, progress: "none", dir,
    });
    const seconds = (performance.now() - t0) / 1000;
    const stats = await commandStats(redis);
    // Memory of one finished job (its hash: the TrialSpec, the TrialResult, BullMQ's fields) and of the whole queue.
    const jobKeys = (await redis.keys(`${trialQueue.prefix}:${trialQueue.name}:*`)).filter((k) => /-e\d+$/.test(k));
    const jobBytes = await Promise.all(jobKeys.map(async (k) => Number(await redis.call("MEMORY", "USAGE", k))));
    const usedMemory = Number(/used_memory:(\d+)/.exec(await redis.info("memory"))?.[1]);
    redis.disconnect();
    const trialSeconds = sweep.rows.reduce((s, r) => s + Number(r.seconds), 0);
    const total = [...stats.entries()].filter(([name]) => name !== "config" && name !== "info").reduce((s, [, n]) => s + n, 0);
    const scripts = (stats.get("evalsha") ?? 0) + (stats.get("eval") ?? 0);
    const byCommand = Object.fromEntries([...stats.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => [name, n]));
    const result = {
      date: new Date().toISOString(), command: `node dist/bench/queueOps.js --trials ${trials} --epoch-ms ${epochMs}`, cores: os.cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg()[0],
      trials, epochs, workers: 2, wallSeconds: seconds, trialSeconds, commands: total, commandsPerTrial: total / trials, luaScripts: scripts, luaScriptsPerTrial: scripts / trials,
      commandsPerWallSecond: total / seconds, bytesPerFinishedJob: jobBytes.reduce((a, b) => a + b, 0) / jobBytes.length, redisUsedMemory: usedMemory, byCommand,
    };
    console.log(`${trials} trials of ${epochs} epochs (${trialSeconds.toFixed(1)} trial-seconds in ${seconds.toFixed(1)} s wall) on 2 workers; load average before ${loadBefore.toFixed(2)}`);
    console.log(`Redis commands: ${total} (${(total / trials).toFixed(0)} per trial, ${(total / seconds).toFixed(1)} per second), of which Lua scripts ${scripts} (${(scripts / trials).toFixed(1)} per trial)`);
    console.log(`memory of a finished job's hash: ${result.bytesPerFinishedJob.toFixed(0)} bytes (MEMORY USAGE, mean of ${jobBytes.length}); Redis used_memory ${usedMemory} bytes`);
    for (const [name, n] of Object.entries(byCommand).slice(0, 12)) console.log(`  ${name.padEnd(16)}${String(n).padStart(7)}${(n / trials).toFixed(1).padStart(9)} per trial`);
    const out = path.join(root, "bench", "queue-ops-results.json");
    writeFileAtomic(out, JSON.stringify(result, null, 2) + "\n");
    console.log(`wrote ${out}`);
  } finally {
    await Promise.all(workers.map((w) => w.stop("SIGKILL")));
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) main().catch((err) => { console.error(err); process.exitCode = 1; });
