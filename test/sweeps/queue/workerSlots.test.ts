// needs: redis (Debian's redis-server; scripts/system-deps.sh installs it)
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Queue, Worker } from "bullmq";
import { redisTarget } from "../../../src/sweeps/queue/redisTarget";
import { trialQueue } from "../../../src/sweeps/queue/trialQueue";
import { workerName, workerSlots } from "../../../src/sweeps/queue/workerSlots";
import { startRedisServer } from "../../support/redisServer";

test("workerName: host/pid/concurrency", () => {
  assert.equal(workerName("node-7", 4242, 2), "node-7/4242/2");
});

test("workerSlots: the workers connected to the trial queue now, by name, their concurrency summed (a name without one counts 1); a plain queue connection is no worker", { timeout: 60_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-workerslots-"));
  const redis = await startRedisServer(path.join(dir, "redis"));
  const connection = trialQueue.connection(redisTarget(redis.url));
  const queue = new Queue(trialQueue.name, { connection, prefix: trialQueue.prefix });
  const workers: Worker[] = [];
  t.after(async () => {
    await Promise.all(workers.map((w) => w.close(true)));
    await queue.close();
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  assert.deepEqual(await workerSlots(queue), { workers: 0, total: 0, names: [] });
  for (const name of [workerName("box-a", 11, 2), workerName("box-b", 12, 3), "legacy"]) {
    const w = new Worker(trialQueue.name, async () => undefined, { connection, prefix: trialQueue.prefix, name });
    await w.waitUntilReady();
    workers.push(w);
  }
  // Another queue's worker on the same Redis is not the trial queue's.
  const other = new Worker("other", async () => undefined, { connection, prefix: trialQueue.prefix, name: workerName("box-c", 13, 8) });
  await other.waitUntilReady();
  workers.push(other);
  let slots = await workerSlots(queue);
  for (let i = 0; i < 50 && slots.workers < 3; i++) slots = await new Promise((r) => setTimeout(r, 50)).then(() => workerSlots(queue));
  assert.deepEqual({ ...slots, names: [...slots.names].sort() }, { workers: 3, total: 2 + 3 + 1, names: ["box-a/11/2", "box-b/12/3", "legacy"] });
  await workers[1].close(true);
  for (let i = 0; i < 50 && (slots = await workerSlots(queue)).workers > 2; i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual({ ...slots, names: [...slots.names].sort() }, { workers: 2, total: 3, names: ["box-a/11/2", "legacy"] });
});
