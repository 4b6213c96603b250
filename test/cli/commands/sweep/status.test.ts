// needs: redis (Debian's redis-server; scripts/system-deps.sh installs it)
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../../../support/runCli";
import { startRedisServer } from "../../../support/redisServer";
import { tempFolder } from "../../../support/tempFolder";

function sweepFolder(t: { after(fn: () => void): void }, over: Record<string, unknown>): string {
  const dir = tempFolder(t, "sweepstatus");
  fs.writeFileSync(path.join(dir, "sweep.json"), JSON.stringify({
    format: 1, name: "cells", status: "running", reason: null, trial: { job: "tutorial" }, space: { units: [8, 16] }, scheduler: { kind: "grid" }, budget: { epochs: 3 },
    metric: "val_loss", mode: "min", seed: 0, trials: 4, completed: 2, epochsSpent: 6, best: null, createdAt: "2026-01-01T00:00:00.000Z", updatedAt: "2026-01-02T03:04:05.000Z", ...over,
  }));
  return dir;
}

test("grulab sweep status DIR: one line from sweep.json (status, reason, trials done, epochs, the best to 5 digits)", async (t) => {
  const dir = sweepFolder(t, { best: { trialId: "abc", value: 0.123456, epoch: 3 } });
  const r = await runCli(["sweep", "status", dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `sweep cells (${dir}): running, 2/4 trials done, 6 epochs; best val_loss 0.12346 (trial abc, epoch 3); updated 2026-01-02T03:04:05.000Z`);
  const stopped = sweepFolder(t, { status: "interrupted", reason: "SIGINT after 2 trial results" });
  assert.equal((await runCli(["sweep", "status", stopped])).stdout, `sweep cells (${stopped}): interrupted (SIGINT after 2 trial results), 2/4 trials done, 6 epochs; updated 2026-01-02T03:04:05.000Z`);
  const missing = await runCli(["sweep", "status", path.join(dir, "nope")]);
  assert.equal(missing.code, 1);
  assert.equal(missing.stderr, `grulab: error: ${path.join(dir, "nope", "sweep.json")} not found: no such folder`);
});

test("grulab sweep status: neither a folder nor --redis (nor $GRULAB_REDIS_URL) is a usage error (exit 2)", async () => {
  const saved = process.env.GRULAB_REDIS_URL;
  delete process.env.GRULAB_REDIS_URL;
  try {
    const r = await runCli(["sweep", "status"]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "grulab: give the sweep's folder, or --redis URL (or $GRULAB_REDIS_URL) for the queue, or both (see grulab sweep status --help)");
  } finally {
    if (saved !== undefined) process.env.GRULAB_REDIS_URL = saved;
  }
});

test("grulab sweep status DIR --redis URL: the sweep's line, then the queue's (never the password); an unreachable Redis is an error naming it", { timeout: 60_000 }, async (t) => {
  const dir = sweepFolder(t, {});
  const redis = await startRedisServer(path.join(dir, "redis"));
  t.after(() => redis.stop());
  const r = await runCli(["sweep", "status", dir, "--redis", redis.url]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.split("\n"), [
    `sweep cells (${dir}): running, 2/4 trials done, 6 epochs; updated 2026-01-02T03:04:05.000Z`,
    `queue redis://:***@127.0.0.1:${redis.port}: 0 waiting, 0 running, 0 done, 0 failed`,
    "workers: 0 (0 slots) on 0 machines",
  ]);
  assert.ok(!r.stdout.includes(redis.password));
  await redis.stop();
  const gone = await runCli(["sweep", "status", "--redis", redis.url]);
  assert.equal(gone.code, 1);
  assert.equal(gone.stderr, `grulab: error: Redis at redis://:***@127.0.0.1:${redis.port}: connection refused (is redis-server running there? bash ${path.resolve(__dirname, "../../../../../scripts/redis.sh")} starts one)`);
});
