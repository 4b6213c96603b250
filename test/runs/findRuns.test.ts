import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { findRuns } from "../../src/runs/findRuns";
import { makeRunsFolder } from "../fixtures/makeRunsFolder";

test("findRuns: newest first, the headline metric of each (test metric once finished, else the best epoch's val_loss), unreadable runs skipped with the reason", async () => {
  const root = makeRunsFolder();
  try {
    const { runs, skipped } = await findRuns(root, new Date("2026-12-03T12:00:00.000Z"));
    assert.deepEqual(runs.map((r) => r.folder), ["20261203-100000-new", "20261202-100000-co2", "20261201-100000-gru"]);
    const [fresh, co2, gru] = runs;
    assert.deepEqual(gru.best, { metric: "test accuracy", value: 0.6523 });
    assert.equal(gru.status, "finished");
    assert.equal(gru.epochs, 12);
    assert.equal(gru.ageSeconds, (Date.parse("2026-12-03T12:00:00Z") - Date.parse("2026-12-01T10:05:00Z")) / 1000);
    assert.deepEqual(co2.best, { metric: "val_loss", value: 0.55 }); // epoch 2, the best epoch, not the last
    assert.equal(co2.dir, path.join(root, "20261202-100000-co2"));
    assert.equal(fresh.best, null);
    assert.equal(fresh.status, "running"); // the test process holds its writer lock
    assert.equal(skipped.length, 1);
    assert.equal(skipped[0].dir, path.join(root, "20261204-100000-broken"));
    assert.match(skipped[0].reason, /run\.json/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("findRuns: a missing folder is an error naming it", async () => {
  await assert.rejects(findRuns("/nonexistent/runs"), /runs folder \/nonexistent\/runs does not exist/);
});
