// needs: redis (Debian's redis-server; scripts/system-deps.sh installs it)
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Queue } from "bullmq";
import { main } from "../../../src/cli/main";
import { readHistoryCsv } from "../../../src/runs/historyCsv";
import { openSweep } from "../../../src/sweeps/openSweep";
import { queueExecutor } from "../../../src/sweeps/queue/queueExecutor";
import { readQueueStatus } from "../../../src/sweeps/queue/queueStatus";
import { redisTarget } from "../../../src/sweeps/queue/redisTarget";
import { trialQueue } from "../../../src/sweeps/queue/trialQueue";
import { readTrialResult, trialDir } from "../../../src/sweeps/runTrial";
import { startSweep } from "../../../src/sweeps/startSweep";
import { gruVsLstmStudy } from "../../../src/sweeps/gruVsLstmStudy";
import { trialId } from "../../../src/sweeps/trialId";
import type { TrialSpec } from "../../../src/sweeps/trialSpec";
import { START_REDIS } from "../../../src/sweeps/queue/startRedis";
import { startRedisServer, type RedisServer } from "../../support/redisServer";
import { startWorker, type WorkerProcess } from "../../support/redisWorkers";

const FIXTURE = path.join(__dirname, "tinyTrial.js");
const definition = { trial: { module: FIXTURE, export: "tinyTrial" }, space: { units: [4, 6], seed: [1, 2, 3] }, metric: "val_loss", mode: "min" as const, budget: { epochs: 4 } };
const EPOCHS = definition.budget.epochs;
const WORKER_ARGS = ["--concurrency", "1", "--lock-ms", "2000", "--backend", "cpu"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(t: { after(fn: () => Promise<void>): void }, workers: number, env: NodeJS.ProcessEnv = {}): Promise<{ parent: string; redis: RedisServer; workers: WorkerProcess[] }> {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-queue-"));
  const redis = await startRedisServer(path.join(parent, "redis"));
  const started: WorkerProcess[] = [];
  t.after(async () => {
    await Promise.all(started.map((w) => w.stop("SIGKILL")));
    await redis.stop();
    fs.rmSync(parent, { recursive: true, force: true });
  });
  for (let i = 0; i < workers; i++) started.push(await startWorker(redis.url, WORKER_ARGS, env));
  return { parent, redis, workers: started };
}

/** Runs `grulab <args>` in this process and returns its stdout lines. */
async function cliLines(args: string[]): Promise<string[]> {
  const out: string[] = [];
  const log = console.log;
  console.log = (line: string) => out.push(...String(line).split("\n"));
  try {
    assert.equal(await main(args), 0);
  } finally {
    console.log = log;
  }
  return out;
}

/** The table without what differs by machine and time (worker, seconds, runDir). */
function strip(rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return rows.map(({ seconds: _s, worker: _w, runDir: _r, ...rest }) => rest);
}

/** History rows without their timing column. */
async function historyOf(dir: string): Promise<Array<Record<string, unknown>>> {
  return (await readHistoryCsv(path.join(dir, "history.csv"))).map(({ seconds: _s, ...row }) => row);
}

test("grulab sweep submit: a sweep through Redis on three worker processes equals the same sweep run locally, bitwise, though a worker is SIGKILLed mid-trial and Redis restarts mid-sweep", { timeout: 240_000 }, async (t) => {
  const { parent, redis, workers } = await setup(t, 3, { GRULAB_TEST_EPOCH_MS: "400" });
  const local = await startSweep("tiny", { ...definition, workers: 0, backend: "cpu", progress: "none", dir: path.join(parent, "local") });
  assert.equal(local.status, "finished");

  // The disturbances, while the queue's sweep runs: SIGKILL the worker of the first trial past
  // epoch 1, then restart Redis once two trials are done.
  let killed: { trialId: string; pid: number; epoch: number; rows: Array<Record<string, unknown>> } | null = null;
  let restarted = false;
  let stop = false;
  const disturb = (async () => {
    while (!stop && (killed === null || !restarted)) {
      await sleep(150);
      const s = await readQueueStatus(redis.url).catch(() => null);
      if (s === null) continue;
      if (killed === null) {
        const r = s.running.find((x) => x.epoch >= 1 && x.epoch < EPOCHS - 1);
        const w = r && workers.find((x) => r.worker.split("/")[1] === String(x.pid));
        if (r && w) {
          await w.stop("SIGKILL");
          const rows = await readHistoryCsv(path.join(trialDir(path.join(parent, "remote", "tiny"), r.trialId), "history.csv"));
          killed = { trialId: r.trialId, pid: w.pid, epoch: r.epoch, rows };
        }
      } else if (!restarted && s.counts.completed >= 2) {
        await redis.restart();
        restarted = true;
      }
    }
  })();
  // grulab sweep submit, in this process: the sweep file, the queue, the shared folder.
  const file = path.join(parent, "tiny.json");
  fs.writeFileSync(file, JSON.stringify({ name: "tiny", ...definition }));
  const submitted = await cliLines(["sweep", "submit", file, "--redis", redis.url, "--out", path.join(parent, "remote"), "--in-flight", "6", "--progress", "none"]);
  assert.match(submitted.at(-1)!, /^sweep tiny: finished; /);
  const remote = await openSweep(path.join(parent, "remote", "tiny"));
  stop = true;
  await disturb;

  assert.ok(killed !== null, "a worker was killed mid-trial");
  assert.ok(restarted, "Redis was restarted mid-sweep");
  assert.equal(remote.status, "finished");
  assert.deepEqual(strip(remote.rows), strip(local.rows), "the same results table, metrics bitwise");
  const k = killed as { trialId: string; pid: number; epoch: number; rows: Array<Record<string, unknown>> };
  assert.ok(k.rows.length >= 1 && k.rows.length < EPOCHS, `killed after ${k.rows.length} of ${EPOCHS} epochs`);
  const resumed = await readHistoryCsv(path.join(trialDir(remote.dir, k.trialId), "history.csv"));
  assert.deepEqual(resumed.slice(0, k.rows.length), k.rows, "resumed, not restarted: the epochs before the kill are kept as they were (their seconds too)");
  const row = remote.rows.find((r) => r.trialId === k.trialId)!;
  assert.equal(row.status, "finished");
  assert.ok(!String(row.worker).includes(`/${k.pid}/`), `another worker finished the killed worker's trial (${row.worker})`);
  assert.deepEqual(await historyOf(trialDir(remote.dir, k.trialId)), await historyOf(trialDir(local.dir, k.trialId)), "the resumed trial's history is the uninterrupted one's");
  const folders = fs.readdirSync(path.join(remote.dir, "trials")).filter((f) => !f.startsWith(".")).sort();
  assert.deepEqual(folders, local.rows.map((r) => String(r.trialId)).sort(), "one folder per trial: none twice, none missing");
  // grulab sweep status: the sweep's line from sweep.json, the queue's counts and workers.
  const status = await readQueueStatus(redis.url, { sweepDir: remote.dir });
  assert.deepEqual(status.counts, { waiting: 0, active: 0, completed: 6, failed: 0 }, "six jobs, each done once");
  assert.equal(status.workers.length, 2, "the two live workers");
  const lines = await cliLines(["sweep", "status", remote.dir, "--redis", redis.url]);
  assert.ok(lines[0].startsWith(`sweep tiny (${remote.dir}): finished, 6/6 trials done, 24 epochs; best val_loss `), lines[0]);
  assert.match(lines[1], /^queue redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: 0 waiting, 0 running, 6 done, 0 failed$/);
  assert.match(lines[2], /^workers: 2 \(2 slots\) on 1 machine: /);
  assert.ok(!lines.join("\n").includes(redis.password), "no password in the status");
});

test("ASHA through the queue: a promotion is a new job of the same trial that resumes its checkpoint on whichever worker takes it; histories are the straight runs' (bitwise)", { timeout: 180_000 }, async (t) => {
  const { parent, redis } = await setup(t, 2);
  const straight = await startSweep("tiny", { ...definition, workers: 0, backend: "cpu", progress: "none", dir: path.join(parent, "straight") });
  const executor = await queueExecutor({ redis: redis.url, inFlight: 2, pollMs: 300, log: () => undefined });
  t.after(() => executor.close()); // the test made it; startSweep leaves a given executor open
  const asha = await startSweep("tiny", { ...definition, scheduler: { kind: "asha", minEpochs: 1, eta: 2 }, executor, progress: "none", dir: path.join(parent, "asha") });
  assert.equal(asha.status, "finished");
  const queue = new Queue(trialQueue.name, { connection: trialQueue.connection(redisTarget(redis.url)), prefix: trialQueue.prefix });
  t.after(() => queue.close());
  const jobs = (await queue.getJobs(["completed"])).map((j) => String(j.id));
  const top = asha.rows.filter((r) => r.epochs === EPOCHS);
  assert.ok(top.length >= 1, "a trial reached the top rung");
  for (const r of top) {
    assert.deepEqual(jobs.filter((id) => id.includes(`-${r.trialId}-e`)).map((id) => id.replace(/^.*-e/, "")).sort(), ["1", "2", "4"], `trial ${r.trialId}: one job per rung`);
  }
  for (const r of asha.rows) {
    const rows = await historyOf(trialDir(asha.dir, String(r.trialId)));
    assert.equal(rows.length, r.epochs);
    assert.deepEqual(rows, (await historyOf(trialDir(straight.dir, String(r.trialId)))).slice(0, rows.length), `trial ${r.trialId}: its ${rows.length} epochs are the straight run's`);
  }
  assert.equal(fs.readdirSync(path.join(asha.dir, "trials")).filter((f) => !f.startsWith(".")).length, 6, "one folder per config");
});

test("a job delivered twice makes one folder: the same id is one job, and the same trial given to two workers at once runs once", { timeout: 120_000 }, async (t) => {
  const { parent, redis } = await setup(t, 2, { GRULAB_TEST_EPOCH_MS: "300" });
  const sweepDir = path.join(parent, "twice");
  fs.mkdirSync(sweepDir, { recursive: true });
  const spec: TrialSpec = { sweepDir, trialId: "a1b2c3d4e5f6", config: { units: 4, seed: 1 }, epochs: 3, trial: { module: FIXTURE, export: "tinyTrial" }, metric: "val_loss", mode: "min" };
  const queue = new Queue(trialQueue.name, { connection: trialQueue.connection(redisTarget(redis.url)), prefix: trialQueue.prefix });
  t.after(() => queue.close());
  // Two ids for one trial (as if Redis had lost the first job while a worker ran it): both workers take one at once.
  const first = await queue.add(spec.trialId, spec, { ...trialQueue.jobOptions, jobId: trialQueue.jobId(spec) });
  const again = await queue.add(spec.trialId, spec, { ...trialQueue.jobOptions, jobId: trialQueue.jobId(spec) });
  assert.equal(again.id, first.id);
  const counts = await queue.getJobCounts("waiting", "prioritized", "active", "completed", "failed");
  assert.equal(Object.values(counts).reduce((x, y) => x + y, 0), 1, "the same job id twice is one job");
  await queue.add(spec.trialId, spec, { ...trialQueue.jobOptions, jobId: `${trialQueue.jobId(spec)}-copy` });
  const deadline = Date.now() + 90_000;
  while ((await queue.getCompletedCount()) < 2 && Date.now() < deadline) await sleep(200);
  const done = await queue.getJobs(["completed"]);
  assert.equal(done.length, 2, "both deliveries completed");
  const [a, b] = done.map((j) => j.returnvalue as Record<string, unknown>);
  assert.notEqual(a.worker, b.worker, "two workers took them");
  assert.deepEqual(strip([a])[0], strip([b])[0], "both report the one trial's result");
  assert.deepEqual(fs.readdirSync(path.join(sweepDir, "trials")).filter((f) => !f.startsWith(".")), [spec.trialId], "one folder");
  const history = await readHistoryCsv(path.join(trialDir(sweepDir, spec.trialId), "history.csv"));
  assert.deepEqual(history.map((r) => r.epoch), [1, 2, 3], "trained once: three epochs, not six");
  assert.equal(readTrialResult(trialDir(sweepDir, spec.trialId))?.epochs, 3);
});

test("grulab worker stopped with SIGTERM mid-trial: the trial keeps its last epoch and goes back to the queue; the next worker resumes it to the uninterrupted history", { timeout: 150_000 }, async (t) => {
  const { parent, redis, workers: [first] } = await setup(t, 1, { GRULAB_TEST_EPOCH_MS: "500" });
  const spec: TrialSpec = { sweepDir: path.join(parent, "stop"), trialId: trialId({ units: 4, seed: 2 }), config: { units: 4, seed: 2 }, epochs: 4, trial: { module: FIXTURE, export: "tinyTrial" }, metric: "val_loss", mode: "min" };
  fs.mkdirSync(spec.sweepDir, { recursive: true });
  const queue = new Queue(trialQueue.name, { connection: trialQueue.connection(redisTarget(redis.url)), prefix: trialQueue.prefix });
  t.after(() => queue.close());
  const job = await queue.add(spec.trialId, spec, { ...trialQueue.jobOptions, jobId: trialQueue.jobId(spec) });
  const dir = trialDir(spec.sweepDir, spec.trialId);
  while (!fs.existsSync(path.join(dir, "history.csv")) || (await readHistoryCsv(path.join(dir, "history.csv"))).length < 1) await sleep(100);
  await first.stop("SIGTERM");
  assert.equal(first.child.exitCode, 143, first.output());
  assert.equal(await job.getState(), "waiting", "back in the queue");
  const kept = await readHistoryCsv(path.join(dir, "history.csv"));
  assert.ok(kept.length >= 1 && kept.length < 4, `stopped after ${kept.length} of 4 epochs`);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8")).status, "interrupted");
  const second = await startWorker(redis.url, WORKER_ARGS);
  t.after(() => second.stop("SIGKILL"));
  const deadline = Date.now() + 90_000;
  while ((await job.getState()) !== "completed" && Date.now() < deadline) await sleep(200);
  const straight = await startSweep("straight", { trial: spec.trial, space: { units: [4], seed: [2] }, metric: "val_loss", budget: { epochs: 4 }, workers: 0, backend: "cpu", progress: "none", dir: parent });
  const resumed = await readHistoryCsv(path.join(dir, "history.csv"));
  assert.deepEqual(resumed.slice(0, kept.length), kept, "the epochs before the stop are kept");
  assert.deepEqual(await historyOf(dir), await historyOf(trialDir(straight.dir, spec.trialId)), "the uninterrupted history");
});

test("Redis refusing the connection or the password: a clear error naming the URL without the password, before anything runs", { timeout: 60_000 }, async (t) => {
  const { parent, redis } = await setup(t, 0);
  const badPassword = redis.url.replace(`:${redis.password}@`, ":not-the-password@");
  const port = redis.port;
  await redis.stop();
  const refused = `redis://:s3cret@127.0.0.1:${port}`;
  await assert.rejects(queueExecutor({ redis: refused }), (err: Error) => {
    assert.equal(err.message, `Redis at redis://:***@127.0.0.1:${port}: connection refused (is redis-server running there? ${START_REDIS} starts one)`);
    return true;
  });
  await redis.restart();
  await assert.rejects(queueExecutor({ redis: badPassword }), /^Error: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: the password was refused/);
  // The CLI: exit 1 with the message, the password nowhere in the output, no sweep folder made.
  const grulab = path.join(__dirname, "..", "..", "..", "..", "bin", "grulab.js");
  const worker = spawnSync(process.execPath, [grulab, "worker", "--redis", badPassword], { encoding: "utf8", timeout: 30_000 });
  assert.equal(worker.status, 1);
  assert.match(worker.stderr, /grulab: error: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: the password was refused/);
  assert.ok(!(worker.stdout + worker.stderr).includes("not-the-password"));
  const before = fs.readdirSync(parent);
  await assert.rejects(queueExecutor({ redis: badPassword }).then((executor) => startSweep("never", { ...definition, executor, dir: path.join(parent, "never") })));
  assert.deepEqual(fs.readdirSync(parent), before, "no sweep folder");
  // The notebook's form, the executor not awaited: the same error, no sweep folder.
  await assert.rejects(startSweep("never", { ...definition, executor: queueExecutor({ redis: badPassword }), dir: path.join(parent, "never") }), /^Error: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: the password was refused/);
  assert.deepEqual(fs.readdirSync(parent), before, "no sweep folder");
  // A sweep refused by its checks leaves the executor it was given open (whoever made it closes it: here the test).
  let closed = 0;
  const executor = queueExecutor({ redis: redis.url }).then((e) => ({ run: e.run, concurrency: e.concurrency, close: async () => { closed++; await e.close(); } }));
  await assert.rejects(startSweep("never", { ...definition, space: {}, executor, dir: path.join(parent, "never") }), /space/);
  assert.equal(closed, 0, "the given executor is not closed by the refused sweep");
  await (await executor).close();
  assert.deepEqual(fs.readdirSync(parent), before, "no sweep folder");
});

test("one queue executor serves a whole study of several sweeps (learning rates, then the cells over the seeds): the study finishes, equals the study run in this process, and the executor stays open for the caller that made it", { timeout: 300_000 }, async (t) => {
  const { parent, redis } = await setup(t, 1);
  // The smallest study that makes two sweeps: adding at T 6, one seed, 20 updates, one learning rate, no ablations.
  const study = {
    tasks: ["adding" as const], lengths: [6], seeds: 1, updates: 20, updatesPerEpoch: 10, batchSize: 8, gruUnits: 4, learningRates: [0.03], ablations: [],
    backend: "cpu", progress: "none" as const, resultsDir: null, figuresDir: null, command: "test",
  };
  const local = await gruVsLstmStudy({ ...study, workers: 0, dir: path.join(parent, "local") }) as Record<string, any>;
  const inner = await queueExecutor({ redis: redis.url, inFlight: 2, pollMs: 300, log: () => undefined });
  t.after(() => inner.close());
  let closed = 0;
  const executor = { run: (spec: TrialSpec) => inner.run(spec), concurrency: inner.concurrency, close: async () => { closed++; await inner.close(); } };
  const queued = await gruVsLstmStudy({ ...study, executor, dir: path.join(parent, "queue") }) as Record<string, any>;
  assert.deepEqual(queued.budget.sweeps.map((s: { name: string; trials: number }) => [s.name, s.trials]), [["lr-adding-T6", 3], ["cells-adding-T6-lr0.03", 3]]);
  assert.equal(closed, 0, "no sweep of the study closed the executor it was given");
  const undated = (r: Record<string, any>) => JSON.parse(JSON.stringify(r.tasks, (k, v) => (k === "runDate" ? undefined : v)));
  assert.deepEqual(undated(queued), undated(local), "the same outcomes, test errors and trial folders as in this process");
  assert.deepEqual(queued.chosenLearningRates, local.chosenLearningRates);
  // Still the caller's: it runs one more trial after the study.
  const config = { units: 4, seed: 1 };
  fs.mkdirSync(path.join(parent, "after"));
  const after = await executor.run({ sweepDir: path.join(parent, "after"), trialId: trialId(config), config, epochs: 1, trial: { module: FIXTURE, export: "tinyTrial" }, metric: "val_loss", mode: "min" });
  assert.equal(after.status, "finished", after.error);
});
