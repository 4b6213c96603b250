import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tutorialStudy } from "../../src/studies/tutorialStudy";

test("tutorialStudy writes results/tutorial.json whose numbers agree with each other", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-study-"));
  try {
    const returned = await tutorialStudy({ seeds: [1, 2], epochs: 1, units: 8, resultsDir: dir, command: "test" });
    const r = JSON.parse(fs.readFileSync(path.join(dir, "tutorial.json"), "utf8"));
    assert.deepEqual(r, JSON.parse(JSON.stringify(returned)));
    for (const key of ["study", "date", "command", "versions", "budget"]) assert.ok(key in r, key);
    assert.equal(r.study, "tutorial");
    assert.deepEqual(r.budget.seeds, [1, 2]);
    assert.equal(r.data.testDays, 219);
    // The rules' accuracies counted elsewhere (test/baselines/tutorialBaselines.test.ts).
    assert.deepEqual([r.baselines.majority.accuracy, r.baselines.persistence.accuracy, r.baselines.rule.accuracy].map((a: number) => (100 * a).toFixed(1)), ["48.4", "61.6", "64.4"]);
    // Each seed's McNemar counts agree with its accuracy and the strongest baseline's:
    // accuracy(GRU) − accuracy(baseline) = (onlyGru − onlyBaseline) / days.
    const strongest = Object.values(r.baselines as Record<string, { name: string; accuracy: number }>).find((b) => b.name === r.strongestBaseline)!;
    for (const s of r.perSeed) {
      assert.ok(Math.abs((s.accuracy - strongest.accuracy) * 219 - (s.onlyGru - s.onlyBaseline)) < 1e-9, JSON.stringify(s));
      assert.ok(s.pValue > 0 && s.pValue <= 1);
    }
    // The interval over seeds: mean ± t(0.975, 1)·sd/√2, t = 12.706.
    const a = r.gru.accuracy;
    assert.ok(Math.abs(a.mean - (r.perSeed[0].accuracy + r.perSeed[1].accuracy) / 2) < 1e-12);
    assert.ok(Math.abs(a.high95 - a.mean - 12.706 * a.sd / Math.SQRT2) < 1e-3 * Math.max(1e-3, a.sd));
    assert.ok(Math.abs(r.gru.standardErrorOneRun - Math.sqrt(a.mean * (1 - a.mean) / 219)) < 1e-12);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
