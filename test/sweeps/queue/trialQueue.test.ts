// needs: redis (Debian's redis-server; scripts/system-deps.sh installs it)
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { redisTarget } from "../../../src/sweeps/queue/redisTarget";
import { trialQueue } from "../../../src/sweeps/queue/trialQueue";
import type { TrialSpec } from "../../../src/sweeps/trialSpec";
import { startRedisServer } from "../../support/redisServer";

test("jobId: the first 8 hex digits of sha256 of the sweep folder's absolute path, the trial and its epochs", () => {
  // printf '%s' /runs/sweeps/cells | sha256sum → cf7f3836dfac…
  assert.equal(trialQueue.jobId({ sweepDir: "/runs/sweeps/cells", trialId: "3fa2c1d0e9b8", epochs: 9 }), "cf7f3836-3fa2c1d0e9b8-e9");
  const cwd = process.cwd();
  process.chdir("/");
  try {
    assert.equal(trialQueue.jobId({ sweepDir: "runs/sweeps/cells", trialId: "t", epochs: 1 }), "cf7f3836-t-e1", "a relative folder is the same sweep as its absolute path");
  } finally {
    process.chdir(cwd);
  }
  assert.notEqual(trialQueue.jobId({ sweepDir: "/runs/sweeps/cells", trialId: "t", epochs: 3 }), trialQueue.jobId({ sweepDir: "/runs/sweeps/cells", trialId: "t", epochs: 9 }), "an ASHA promotion is a new job");
});

test("connection: the target's address and password; retried forever (BullMQ workers need maxRetriesPerRequest null), 100 ms more per attempt up to 2 s", () => {
  const c = trialQueue.connection(redisTarget("redis://:pw@10.0.0.5:6390/2"));
  assert.deepEqual([c.host, c.port, c.password, c.db, c.maxRetriesPerRequest], ["10.0.0.5", 6390, "pw", 2, null]);
  assert.deepEqual([1, 5, 20, 21, 1000].map((n) => c.retryStrategy!(n)), [100, 500, 2000, 2000, 2000]);
});

test("in Redis: keys under grulab:trials:, a trial submitted twice is one job, and a done job stays (its result found again)", { timeout: 60_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-trialqueue-"));
  const redis = await startRedisServer(path.join(dir, "redis"));
  const target = redisTarget(redis.url);
  const queue = new Queue(trialQueue.name, { connection: trialQueue.connection(target), prefix: trialQueue.prefix });
  const raw = new Redis({ host: target.host, port: target.port, password: target.password, lazyConnect: true });
  let worker: Worker | null = null;
  t.after(async () => {
    await worker?.close(true);
    await queue.close();
    raw.disconnect();
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const spec: TrialSpec = { sweepDir: "/shared/sweeps/a", trialId: "t1", config: { seed: 1 }, epochs: 2, trial: { job: "tutorial" }, metric: "val_loss", mode: "min" };
  const add = () => queue.add(spec.trialId, spec, { ...trialQueue.jobOptions, jobId: trialQueue.jobId(spec) });
  await add();
  await add();
  assert.deepEqual(await queue.getJobCounts("waiting"), { waiting: 1 });
  const job = (await queue.getJob(trialQueue.jobId(spec)))!;
  assert.deepEqual(job.data, spec);
  await raw.connect();
  const keys = await raw.keys("*");
  assert.ok(keys.length > 0 && keys.every((k) => k.startsWith("grulab:trials:")), keys.join(" "));
  // Run by a worker: a trial that returns is kept with its value (a re-submitted trial finds it); one that throws fails once, no retry.
  const failing: TrialSpec = { ...spec, trialId: "t2" };
  await queue.add(failing.trialId, failing, { ...trialQueue.jobOptions, jobId: trialQueue.jobId(failing) });
  let calls = 0;
  worker = new Worker<TrialSpec>(trialQueue.name, async (j) => {
    calls++;
    if (j.data.trialId === "t2") throw new Error("queue trouble");
    return { trialId: j.data.trialId, status: "finished" };
  }, { connection: trialQueue.connection(target), prefix: trialQueue.prefix });
  for (let i = 0; i < 200 && Object.values(await queue.getJobCounts("completed", "failed")).reduce((a, b) => a + b, 0) < 2; i++) await new Promise((r) => setTimeout(r, 50));
  await add();
  assert.deepEqual(await queue.getJobCounts("waiting", "completed", "failed"), { waiting: 0, completed: 1, failed: 1 }, "the done job was not added again");
  assert.deepEqual((await queue.getJob(trialQueue.jobId(spec)))!.returnvalue, { trialId: "t1", status: "finished" });
  const f = (await queue.getJob(trialQueue.jobId(failing)))!;
  assert.deepEqual([f.failedReason, f.attemptsMade, calls], ["queue trouble", 1, 2]);
});
