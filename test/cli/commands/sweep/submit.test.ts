import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { runCli } from "../../../support/runCli";
import { tempFolder } from "../../../support/tempFolder";
import { freePort } from "../../../support/freePort";

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
