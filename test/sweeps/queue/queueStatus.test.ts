// needs: redis (Debian's redis-server; scripts/system-deps.sh installs it)
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Queue, Worker } from "bullmq";
import { formatQueueStatus, readQueueStatus, type QueueStatus } from "../../../src/sweeps/queue/queueStatus";
import { redisTarget } from "../../../src/sweeps/queue/redisTarget";
import { trialQueue } from "../../../src/sweeps/queue/trialQueue";
import { workerName } from "../../../src/sweeps/queue/workerSlots";
import type { TrialSpec } from "../../../src/sweeps/trialSpec";
import { startRedisServer } from "../../support/redisServer";

const row = (trialId: string, epoch: number, epochs: number, worker: string, seconds: number, note?: string) => ({ trialId, sweepDir: "/s", epoch, epochs, worker, seconds, ...(note ? { note } : {}) });

test("formatQueueStatus: counts, workers per machine, a 20-character bar per running trial (epoch/epochs), notes and failures; long lists cut", () => {
  const s: QueueStatus = {
    redis: "redis://:***@h:1", counts: { waiting: 2, active: 2, completed: 5, failed: 1 }, workers: ["a/1/2", "a/2/2", "b/3/1"], slots: 5,
    running: [row("t1", 3, 4, "a/1/2", 12.4), row("t2", 0, 0, "b/3/1", 0.6, "waiting: " + "x".repeat(80))], failed: [{ trialId: "t3", sweepDir: "/s", reason: "boom" }],
  };
  assert.deepEqual(formatQueueStatus(s), [
    "queue redis://:***@h:1: 2 waiting, 2 running, 5 done, 1 failed",
    "workers: 3 (5 slots) on 2 machines: a, b",
    "  t1 [###############.....] epoch 3/4  12 s  a/1/2",
    `  t2 [....................] epoch 0/0  1 s  b/3/1  (waiting: ${"x".repeat(51)})`,
    "  failed t3: boom",
  ]);
  const many: QueueStatus = { ...s, workers: ["h1/1/1", "h2/1/1", "h3/1/1", "h4/1/1", "h5/1/1", "h6/1/1", "h7/1/1"], running: Array.from({ length: 18 }, (_, i) => row(`r${i}`, 1, 2, "h1/1/1", 0)), failed: [] };
  const lines = formatQueueStatus(many);
  assert.equal(lines[1], "workers: 7 (5 slots) on 7 machines: h1, h2, h3, h4, h5, h6, …");
  assert.equal(lines.length, 2 + 16 + 1);
  assert.equal(lines[2], "  r0 [##########..........] epoch 1/2  0 s  h1/1/1");
  assert.equal(lines.at(-1), "  … and 2 more running");
  assert.equal(formatQueueStatus({ ...s, workers: [], slots: 0, running: [], failed: [] })[1], "workers: 0 (0 slots) on 0 machines");
  // 20 · 1/3 = 6.67 → 7 marks; an epoch past the total (a promoted trial's stale total) fills the bar, no more.
  assert.deepEqual(formatQueueStatus({ ...s, running: [row("u", 1, 3, "a/1/2", 0), row("v", 5, 4, "a/1/2", 0)], failed: [] }).slice(2), [
    "  u [#######.............] epoch 1/3  0 s  a/1/2",
    "  v [####################] epoch 5/4  0 s  a/1/2",
  ]);
});

test("readQueueStatus from Redis: the whole queue's counts, the connected workers, a running trial with the epoch its worker reported, a failed one with its reason; sweepDir keeps one sweep's", { timeout: 60_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-queuestatus-"));
  const redis = await startRedisServer(path.join(dir, "redis"));
  const connection = trialQueue.connection(redisTarget(redis.url));
  const queue = new Queue<TrialSpec>(trialQueue.name, { connection, prefix: trialQueue.prefix });
  let release = () => undefined as void;
  const held = new Promise<void>((r) => { release = r; });
  let started = () => undefined as void;
  const running = new Promise<void>((r) => { started = r; });
  const name = workerName("box", 1, 1);
  const worker = new Worker<TrialSpec>(trialQueue.name, async (job) => {
    if (job.data.trialId === "a3") throw new Error("trial broke");
    await job.updateProgress({ epoch: 2, epochs: job.data.epochs, worker: `${name}/local-1`, note: "warming up" });
    started();
    await held;
    return { trialId: job.data.trialId };
  }, { connection, prefix: trialQueue.prefix, name, concurrency: 1 });
  t.after(async () => {
    release();
    await worker.close(true);
    await queue.close();
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const [A, B] = [path.join(dir, "sweepA"), path.join(dir, "sweepB")];
  const add = (sweepDir: string, trialId: string) => {
    const spec: TrialSpec = { sweepDir, trialId, config: {}, epochs: 5, trial: { job: "tutorial" }, metric: "val_loss", mode: "min" };
    return queue.add(trialId, spec, { ...trialQueue.jobOptions, jobId: trialQueue.jobId(spec) });
  };
  await add(A, "a3");
  for (let i = 0; i < 200 && (await queue.getJobCounts("failed")).failed < 1; i++) await new Promise((r) => setTimeout(r, 25));
  await add(A, "a1");
  await running;
  await add(A, "a2");
  await add(B, "b1");

  const all = await readQueueStatus(redis.url);
  assert.equal(all.redis, `redis://:***@127.0.0.1:${redis.port}`);
  assert.deepEqual(all.counts, { waiting: 2, active: 1, completed: 0, failed: 1 });
  assert.deepEqual([all.workers, all.slots], [[name], 1]);
  assert.equal(all.running.length, 1);
  const { seconds, ...r } = all.running[0];
  assert.deepEqual(r, { trialId: "a1", sweepDir: A, epoch: 2, epochs: 5, worker: `${name}/local-1`, note: "warming up" });
  assert.ok(seconds >= 0 && seconds < 30, `running for ${seconds} s`);
  assert.deepEqual(all.failed, [{ trialId: "a3", sweepDir: A, reason: "trial broke" }]);

  const b = await readQueueStatus(redis.url, { sweepDir: B });
  assert.deepEqual([b.counts, b.running, b.failed], [all.counts, [], []], "counts are the queue's; running and failed only sweep B's (none)");
  const a = await readQueueStatus(redis.url, { sweepDir: path.relative(process.cwd(), A) });
  assert.deepEqual(a.running.map((x) => x.trialId), ["a1"], "a relative folder names the same sweep");
  await assert.rejects(readQueueStatus(`redis://:nope@127.0.0.1:${redis.port}`), /^Error: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: the password was refused/);
});
