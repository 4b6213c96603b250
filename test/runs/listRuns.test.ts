import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import { listRuns, runAge, RUN_LIST_COLUMNS } from "../../src/runs/listRuns";
import { makeRunsFolder } from "../fixtures/makeRunsFolder";

test("listRuns: the runs as a DataFrame, one row per readable run, newest first, the columns of grulab ls", async () => {
  const root = makeRunsFolder();
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (...a: unknown[]) => { warnings.push(a.join(" ")); };
  try {
    const df = await listRuns(root);
    assert.deepEqual(df.columns, [...RUN_LIST_COLUMNS]);
    assert.deepEqual(df.shape, [3, RUN_LIST_COLUMNS.length]);
    assert.deepEqual(df["name"].values, ["new", "co2", "gru"]);
    // The fixture's running run has a live writer (the test process holds its lock).
    assert.deepEqual(df["status"].values, ["running", "interrupted", "finished"]);
    assert.deepEqual(df["best_metric"].values, ["", "val_loss", "test accuracy"]);
    assert.deepEqual((df["best"].values as number[]).slice(1), [0.55, 0.6523]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /skipped .*20261204-100000-broken/);
  } finally {
    console.warn = warn;
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("runAge: the largest whole unit", () => {
  assert.deepEqual([0, 59, 60, 3599, 3600, 86399, 86400, 9 * 86400].map(runAge), ["0s", "59s", "1m", "59m", "1h", "23h", "1d", "9d"]);
});
