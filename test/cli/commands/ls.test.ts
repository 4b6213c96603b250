import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import { runCli as cli } from "../../support/runCli";
import { makeRunsFolder } from "../../fixtures/makeRunsFolder";

test("grulab ls DIR prints a header and one aligned line per run, newest first; --json the same runs as objects", async () => {
  const root = makeRunsFolder();
  try {
    const r = await cli(["ls", root]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split("\n");
    assert.match(lines[0], /^status\s+task\s+name\s+best_metric\s+best\s+epochs\s+best_epoch\s+age\s+folder$/);
    assert.equal(lines.length, 4);
    assert.match(lines[1], /^running\s+regression\s+new\s+—\s+0\s+0\s+\d+[smhd]\s+20261203-100000-new$/);
    assert.match(lines[2], /^interrupted\s+regression\s+co2\s+val_loss\s+0\.55\s+3\s+2\s+\d+[smhd]\s+20261202-100000-co2$/);
    assert.match(lines[3], /^finished\s+classification\s+gru\s+test accuracy\s+0\.6523\s+12\s+9\s+\d+[smhd]\s+20261201-100000-gru$/);
    assert.equal(lines[0].indexOf("task"), lines[3].indexOf("classification"), "columns aligned");
    assert.match(r.stderr, /ls: skipped .*20261204-100000-broken/);
    const j = await cli(["ls", root, "--json"]);
    const runs = JSON.parse(j.stdout);
    assert.deepEqual(runs.map((x: { name: string }) => x.name), ["new", "co2", "gru"]);
    assert.deepEqual(runs[2].best, { metric: "test accuracy", value: 0.6523 });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("grulab ls: a missing folder exits 1 naming it", async () => {
  const r = await cli(["ls", "/nonexistent/runs"]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /grulab: error: runs folder \/nonexistent\/runs does not exist/);
});
