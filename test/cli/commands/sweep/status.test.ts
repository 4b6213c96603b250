// needs: redis (Debian's redis-server; scripts/system-deps.sh installs it)
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../../../support/runCli";
import { startRedisServer } from "../../../support/redisServer";
import { tempFolder } from "../../../support/tempFolder";
import { writeDenseTrialModule } from "../../../support/denseTrialModule";
import { startSweep } from "../../../../src/sweeps/startSweep";
import { readResultsTable } from "../../../../src/sweeps/resultsTable";
import { csvCells } from "../../../../src/util/csvCells";

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

test("a trial that throws: its error, on one line and quoted, is in results.csv, readResultsTable and grulab sweep status", async (t) => {
  const dir = tempFolder(t, "sweepstatus-fail");
  writeDenseTrialModule(dir);
  const module = path.join(dir, "sometimes.js");
  fs.writeFileSync(module, `const { dense } = require("./trials.js");
exports.sometimes = async (config, trial) => {
  if (config.seed === 2) throw new Error('bad "value", at seed 2\\n  and a second line');
  return dense(config, trial);
};
`);
  const sweep = await startSweep("fails", { trial: { module, export: "sometimes" }, space: { seed: [1, 2], lr: [0.05] }, metric: "val_loss", budget: { epochs: 1 }, workers: 0, dir, progress: "none" });
  const message = 'bad "value", at seed 2 | and a second line';
  const text = fs.readFileSync(path.join(sweep.dir, "results.csv"), "utf8");
  const lines = text.trim().split("\n");
  assert.equal(lines.length, 3, "one line per trial");
  const header = csvCells(lines[0], () => "header");
  assert.deepEqual(header.slice(0, 10), ["trialId", "seed", "lr", "status", "val_loss", "bestEpoch", "epochs", "seconds", "worker", "error"]);
  const failed = csvCells(lines[2], () => "row 2");
  assert.deepEqual([failed[header.indexOf("seed")], failed[header.indexOf("status")], failed[header.indexOf("error")]], ["2", "failed", message]);
  assert.ok(lines[2].includes(`"bad ""value"", at seed 2 | and a second line"`), lines[2]);
  assert.equal(csvCells(lines[1], () => "row 1")[header.indexOf("error")], "", "a finished trial has no error");
  assert.equal(readResultsTable(sweep.dir).rows[1].error, message);
  assert.equal(sweep.rows[1].error, message);
  const r = await runCli(["sweep", "status", sweep.dir]);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.split("\n");
  assert.match(out[0], /^sweep fails \(.*\): finished \(1 trial failed \(results.csv: status failed, its error column says why\)\), 2\/2 trials done/);
  assert.equal(out[1], `  trial ${sweep.rows[1].trialId} (seed 2) failed: ${message}`);
  assert.equal(out.length, 2, "the finished trial has no line");
});
