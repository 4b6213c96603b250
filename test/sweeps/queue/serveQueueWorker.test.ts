// needs: redis (Debian's redis-server; scripts/system-deps.sh installs it)
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Queue, QueueEvents } from "bullmq";
import { redisTarget } from "../../../src/sweeps/queue/redisTarget";
import { serveQueueWorker } from "../../../src/sweeps/queue/serveQueueWorker";
import { trialQueue } from "../../../src/sweeps/queue/trialQueue";
import { workerName, workerSlots } from "../../../src/sweeps/queue/workerSlots";
import { trialId } from "../../../src/sweeps/trialId";
import type { TrialResult, TrialSpec } from "../../../src/sweeps/trialSpec";
import { startRedisServer } from "../../support/redisServer";
import { writeDenseTrialModule } from "../../support/denseTrialModule";

test("serveQueueWorker: fails before anything runs when Redis is unreachable", async () => {
  await assert.rejects(serveQueueWorker({ redis: "redis://:pw@127.0.0.1:1", concurrency: 1 }), /^Error: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1: connection refused/);
});

test("serveQueueWorker: runs a queued trial in a local worker process, reports its epochs as the job's progress, returns its result under the worker's name; a sweep folder it cannot reach fails the job with the reason; SIGTERM stops it", { timeout: 120_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-servequeue-"));
  const redis = await startRedisServer(path.join(dir, "redis"));
  const connection = trialQueue.connection(redisTarget(redis.url));
  const queue = new Queue<TrialSpec, TrialResult>(trialQueue.name, { connection, prefix: trialQueue.prefix });
  const events = new QueueEvents(trialQueue.name, { connection, prefix: trialQueue.prefix });
  let serving: Promise<NodeJS.Signals> | null = null;
  t.after(async () => {
    if (serving) { process.emit("SIGTERM", "SIGTERM"); await serving; }
    await events.close();
    await queue.close();
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const module = writeDenseTrialModule(dir);
  const lines: string[] = [];
  const ready = new Promise<void>((resolve) => {
    serving = serveQueueWorker({ redis: redis.url, concurrency: 1, backend: "cpu", lockMs: 5000, progressMs: 50, log: (l) => { lines.push(l); if (/taking trials/.test(l)) resolve(); } });
  });
  await ready;
  const name = workerName(os.hostname(), process.pid, 1);
  assert.equal(lines[0], `worker ${name}: taking trials from redis://:***@127.0.0.1:${redis.port} (1 at once)`);
  assert.deepEqual((await workerSlots(queue)).names, [name]);

  const spec: TrialSpec = { sweepDir: dir, trialId: trialId({ seed: 2 }), config: { seed: 2 }, epochs: 2, trial: { module, export: "dense" }, metric: "val_loss", mode: "min" };
  const progress: unknown[] = [];
  events.on("progress", ({ data }) => progress.push(data));
  const job = await queue.add(spec.trialId, spec, { ...trialQueue.jobOptions, jobId: trialQueue.jobId(spec) });
  const result = await job.waitUntilFinished(events, 90_000) as TrialResult;
  assert.deepEqual([result.status, result.epochs, result.worker], ["finished", 2, `${name}/local-1`]);
  assert.equal(fs.readFileSync(path.join(dir, "trials", spec.trialId, "history.csv"), "utf8").trim().split("\n").length, 3, "header and 2 epochs in the shared folder");
  assert.deepEqual(progress.at(-1), { epoch: 2, epochs: 2, worker: name }, "the last progress: both epochs");
  assert.ok(progress.every((p) => (p as { epoch: number }).epoch <= 2));
  assert.ok(lines.includes(`worker ${name}: trial ${spec.trialId} finished, 2 epochs`), lines.join("\n"));

  const away: TrialSpec = { ...spec, sweepDir: path.join(dir, "not-mounted"), trialId: "away" };
  const lost = await queue.add(away.trialId, away, { ...trialQueue.jobOptions, jobId: trialQueue.jobId(away) });
  await assert.rejects(lost.waitUntilFinished(events, 30_000), { message: `the sweep folder ${away.sweepDir} does not exist on ${os.hostname()}: every worker needs the sweeps' shared folder at the same path (docs/sweeps.md, "Many machines")` });

  process.emit("SIGTERM", "SIGTERM");
  assert.equal(await serving, "SIGTERM");
  serving = null;
  assert.match(lines.at(-1)!, new RegExp(`^worker ${name}: SIGTERM: no new trials`));
  for (let i = 0; i < 50 && (await workerSlots(queue)).workers > 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal((await workerSlots(queue)).workers, 0, "disconnected from the queue");
});
