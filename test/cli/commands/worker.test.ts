// needs: redis (Debian's redis-server; scripts/system-deps.sh installs it)
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Queue } from "bullmq";
import { readHistoryCsv } from "../../../src/runs/historyCsv";
import { redisTarget } from "../../../src/sweeps/queue/redisTarget";
import { trialQueue } from "../../../src/sweeps/queue/trialQueue";
import { trialId } from "../../../src/sweeps/trialId";
import type { TrialResult, TrialSpec } from "../../../src/sweeps/trialSpec";
import { runCli } from "../../support/runCli";
import { startRedisServer } from "../../support/redisServer";
import { startWorker } from "../../support/redisWorkers";

const TINY = path.join(__dirname, "..", "..", "sweeps", "queue", "tinyTrial.js");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("grulab worker without --redis or $GRULAB_REDIS_URL: a usage error (exit 2) saying what is needed", async () => {
  const saved = process.env.GRULAB_REDIS_URL;
  delete process.env.GRULAB_REDIS_URL;
  try {
    const r = await runCli(["worker"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^grulab: option --redis URL is needed \(or \$GRULAB_REDIS_URL\)/);
  } finally {
    if (saved !== undefined) process.env.GRULAB_REDIS_URL = saved;
  }
});

test("grulab worker processes: Ctrl-C mid-trial exits 130 and puts the trial back in the queue with its epochs kept; another worker resumes it to the end; SIGTERM while idle exits 143", { timeout: 180_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-worker-cli-"));
  const redis = await startRedisServer(path.join(dir, "redis"));
  const queue = new Queue<TrialSpec, TrialResult>(trialQueue.name, { connection: trialQueue.connection(redisTarget(redis.url)), prefix: trialQueue.prefix });
  const stops: Array<() => Promise<void>> = [];
  t.after(async () => {
    for (const stop of stops) await stop();
    await queue.close();
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const args = ["--concurrency", "1", "--lock-ms", "2000", "--backend", "cpu"];
  const a = await startWorker(redis.url, args, { GRULAB_TEST_EPOCH_MS: "300" });
  stops.push(() => a.stop("SIGKILL"));
  const config = { units: 4, seed: 1 };
  const spec: TrialSpec = { sweepDir: dir, trialId: trialId(config), config, epochs: 5, trial: { module: TINY, export: "tinyTrial" }, metric: "val_loss", mode: "min" };
  const jobId = trialQueue.jobId(spec);
  await queue.add(spec.trialId, spec, { ...trialQueue.jobOptions, jobId });
  const history = path.join(dir, "trials", spec.trialId, "history.csv");
  for (let i = 0; i < 600 && !(fs.existsSync(history) && fs.readFileSync(history, "utf8").trim().split("\n").length >= 2); i++) await sleep(50);
  const exitA = new Promise<number | null>((resolve) => a.child.once("exit", (code) => resolve(code)));
  const sentAt = performance.now();
  a.child.kill("SIGINT");
  // The same Ctrl-C again once the worker has noted it (a terminal's group and npx both deliver it):
  // ignored, not the default action (before 2026-12-07 process.once left the copy to kill the worker).
  for (let i = 0; i < 200 && !/no new trials/.test(a.output()); i++) await sleep(10);
  if (performance.now() - sentAt < 450) a.child.kill("SIGINT");
  assert.equal(await exitA, 130);
  assert.match(a.output(), new RegExp(`trial ${spec.trialId} interrupted at epoch \\d, back in the queue`));
  assert.equal(await (await queue.getJob(jobId))!.getState(), "waiting", "the trial is queued again for another worker");
  const kept = await readHistoryCsv(history);
  assert.ok(kept.length >= 1 && kept.length < 5, `${kept.length} epochs kept`);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "trials", spec.trialId, "run.json"), "utf8")).status, "interrupted");

  const b = await startWorker(redis.url, args);
  stops.push(() => b.stop("SIGKILL"));
  for (let i = 0; i < 1200 && (await queue.getJobCounts("completed")).completed < 1; i++) await sleep(50);
  const result = (await queue.getJob(jobId))!.returnvalue;
  assert.deepEqual([result.status, result.epochs], ["finished", 5]);
  assert.match(result.worker, new RegExp(`/${b.pid}/1/local-1$`), "finished by the second worker");
  assert.deepEqual((await readHistoryCsv(history)).slice(0, kept.length), kept, "resumed: the epochs before Ctrl-C kept as they were");
  const exitB = new Promise<number | null>((resolve) => b.child.once("exit", (code) => resolve(code)));
  b.child.kill("SIGTERM");
  assert.equal(await exitB, 143);
});
