import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCli } from "../../../support/runCli";
import { tempFolder } from "../../../support/tempFolder";
import { freePort } from "../../../support/freePort";
import { startRedisServer } from "../../../support/redisServer";
import { startWorker, type WorkerProcess } from "../../../support/redisWorkers";
import { spawn } from "child_process";

test("grulab sweep submit without --redis (nor $GRULAB_REDIS_URL) is a usage error (exit 2) naming the option", async () => {
  const saved = process.env.GRULAB_REDIS_URL;
  delete process.env.GRULAB_REDIS_URL;
  try {
    const r = await runCli(["sweep", "submit", "sweep.json"]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^grulab: .*--redis/);
  } finally {
    if (saved !== undefined) process.env.GRULAB_REDIS_URL = saved;
  }
});

test("grulab sweep submit with Redis refusing the connection: exit 1, the URL without its password, and no sweep folder written", async (t) => {
  const dir = tempFolder(t, "sweepsubmit");
  const file = path.join(dir, "sweep.json");
  fs.writeFileSync(file, JSON.stringify({ name: "cells", trial: { job: "gru-vs-lstm" }, space: { cell: ["gru", "lstm"] }, metric: "val_loss", mode: "min", budget: { epochs: 1 } }));
  const out = path.join(dir, "sweeps");
  const port = await freePort();
  const r = await runCli(["sweep", "submit", file, "--redis", `redis://:s3cret@127.0.0.1:${port}`, "--out", out]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`^grulab: error: Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}: connection refused`));
  assert.doesNotMatch(r.stderr, /s3cret/);
  assert.equal(fs.existsSync(out), false, "nothing is written before Redis answers");
});

test("grulab sweep submit as its own process: the sweep finishes on a worker and the command exits 0 by itself (it closes the queue executor it made; startSweep leaves a given one open)", { timeout: 180_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-sweepsubmit-"));
  const redis = await startRedisServer(path.join(dir, "redis"));
  let worker: WorkerProcess | null = null;
  t.after(async () => {
    await worker?.stop("SIGKILL");
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  worker = await startWorker(redis.url, ["--concurrency", "1", "--lock-ms", "2000", "--backend", "cpu"]);
  const file = path.join(dir, "sweep.json");
  const fixture = path.join(__dirname, "..", "..", "..", "sweeps", "queue", "tinyTrial.js");
  fs.writeFileSync(file, JSON.stringify({ name: "tiny", trial: { module: fixture, export: "tinyTrial" }, space: { units: [4], seed: [1, 2] }, metric: "val_loss", mode: "min", budget: { epochs: 1 } }));
  const grulab = path.join(__dirname, "..", "..", "..", "..", "..", "bin", "grulab.js");
  const out = path.join(dir, "sweeps");
  const child = spawn(process.execPath, [grulab, "sweep", "submit", file, "--redis", redis.url, "--out", out, "--progress", "none"], { stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout.on("data", (d: Buffer) => { text += d.toString(); });
  child.stderr.on("data", (d: Buffer) => { text += d.toString(); });
  const code = await new Promise<number | string>((resolve) => {
    // The sweep takes seconds; a process still alive a minute later hangs on open connections.
    const timer = setTimeout(() => { child.kill("SIGKILL"); resolve("still running after 90 s"); }, 90_000);
    child.once("exit", (c) => { clearTimeout(timer); resolve(c ?? "killed"); });
  });
  assert.equal(code, 0, text);
  assert.match(text, /sweep tiny: finished; /);
  assert.equal(JSON.parse(fs.readFileSync(path.join(out, "tiny", "sweep.json"), "utf8")).completed, 2);
});
