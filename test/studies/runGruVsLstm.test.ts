import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { openRun } from "../../src/runs/openRun";
import { runGruVsLstm } from "../../src/studies/runGruVsLstm";

test("runGruVsLstm writes one finished run per cell and seed, with the task's baseline; the rows summarise them", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-"));
  const rows = await runGruVsLstm({ task: "recall", length: 6, seeds: 2, gruUnits: 8, trainSamples: 32, epochs: 2, patience: 0, backend: "cpu", out, progress: "none" });
  assert.deepEqual(rows.map((r) => r.cell), ["gru", "lstm", "simpleRnn"]);
  for (const r of rows) {
    assert.equal(r.runDirs.length, 2);
    const scores: number[] = [];
    for (const dir of r.runDirs) {
      const run = await openRun(dir);
      assert.equal(run.status, "finished");
      assert.equal(run.task, "classification");
      assert.equal(run.config.job, "gru-vs-lstm");
      assert.equal(run.config.cell, r.cell);
      assert.equal(run.rows.length, 2, "two epochs in history.csv");
      assert.ok(run.metrics!.baselines.some((b) => b.name === "chance (1/8)" && b.test.accuracy === 0.125));
      scores.push(run.metrics!.test.accuracy as number);
    }
    // the row's mean and sd are those of the runs' metrics.json
    assert.ok(Math.abs(r.score.mean - (scores[0] + scores[1]) / 2) < 1e-9);
    assert.ok(Math.abs(r.score.sd - Math.abs(scores[0] - scores[1]) / Math.SQRT2) < 1e-9);
  }
  assert.ok(Math.abs(rows[1].params - rows[0].params) / rows[0].params < 0.03);
  await assert.rejects(runGruVsLstm({ task: "sorting" as never, out }), /gru-vs-lstm option task: "sorting"/);
});
