import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tutorialStudy, type SeedClassification, type TutorialSeedsRequest } from "../../src/studies/tutorialStudy";

// A trainSeeds that trains nothing: seed 1 gives the true class 0.9 (every other 0.025), seed 2
// says "sun" (0.6, every other 0.1) on every day, so every number the study derives is known.
function knownSeeds(requests: TutorialSeedsRequest[]) {
  return async (request: TutorialSeedsRequest): Promise<SeedClassification[]> => {
    requests.push(request);
    const labels = request.data.test.labels;
    const sun = request.data.classes.indexOf("sun");
    return request.seeds.map((seed) => ({
      seed, epochs: 3, bestEpoch: 2, seconds: 0.5,
      probabilities: labels.map((y) => request.data.classes.map((_, k) => (seed === 1 ? (k === y ? 0.9 : 0.025) : (k === sun ? 0.6 : 0.1)))),
    }));
  };
}

test("tutorialStudy writes results/tutorial.json whose numbers follow from each seed's test probabilities", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-study-"));
  try {
    const requests: TutorialSeedsRequest[] = [];
    const returned = await tutorialStudy({ seeds: [1, 2], epochs: 7, patience: 3, units: 8, resultsDir: dir, command: "test", trainSeeds: knownSeeds(requests) });
    assert.deepEqual(requests.map(({ seeds, epochs, patience, units }) => ({ seeds, epochs, patience, units })), [{ seeds: [1, 2], epochs: 7, patience: 3, units: 8 }]);
    const r = JSON.parse(fs.readFileSync(path.join(dir, "tutorial.json"), "utf8"));
    assert.deepEqual(r, JSON.parse(JSON.stringify(returned)));
    for (const key of ["study", "date", "command", "versions", "budget"]) assert.ok(key in r, key);
    assert.equal(r.study, "tutorial");
    assert.equal(r.command, "test");
    assert.deepEqual(r.budget.seeds, [1, 2]);
    assert.deepEqual(r.budget.epochsRun, [3, 3]);
    assert.equal(r.data.testDays, 219);
    // The rules' accuracies counted elsewhere (test/baselines/tutorialBaselines.test.ts).
    assert.deepEqual([r.baselines.majority.accuracy, r.baselines.persistence.accuracy, r.baselines.rule.accuracy].map((a: number) => (100 * a).toFixed(1)), ["48.4", "61.6", "64.4"]);
    // Seed 1 is always right: accuracy 1, F1 1 for each class on the test days (0 for a class with
    // neither, as scikit-learn), log-loss −ln 0.9, Brier 0.1² + 4·0.025².
    const [one, two] = r.perSeed;
    const present = new Set(requests[0].data.test.labels).size;
    assert.deepEqual([one.seed, one.accuracy, one.macroF1, one.epochs, one.bestEpoch, one.seconds], [1, 1, present / 5, 3, 2, 0.5]);
    assert.ok(Math.abs(one.logLoss + Math.log(0.9)) < 1e-12);
    assert.ok(Math.abs(one.brier - (0.01 + 4 * 0.025 ** 2)) < 1e-12);
    // Seed 2 is right on the sun days only: accuracy = their share, log-loss from 0.6 and 0.1.
    const sunDays = requests[0].data.test.labels.filter((y) => y === requests[0].data.classes.indexOf("sun")).length;
    assert.ok(sunDays > 0 && sunDays < 219);
    assert.ok(Math.abs(two.accuracy - sunDays / 219) < 1e-12);
    assert.ok(Math.abs(two.logLoss - (-(sunDays * Math.log(0.6) + (219 - sunDays) * Math.log(0.1)) / 219)) < 1e-12);
    // McNemar's counts agree with the accuracies: accuracy(GRU) − accuracy(baseline) = (onlyGru − onlyBaseline) / days;
    // seed 1 is never wrong where the baseline is right.
    const strongest = Object.values(r.baselines as Record<string, { name: string; accuracy: number }>).find((b) => b.name === r.strongestBaseline)!;
    assert.equal(one.onlyBaseline, 0);
    assert.equal(one.onlyGru, Math.round((1 - strongest.accuracy) * 219));
    for (const s of r.perSeed) {
      assert.ok(Math.abs((s.accuracy - strongest.accuracy) * 219 - (s.onlyGru - s.onlyBaseline)) < 1e-9, JSON.stringify(s));
      assert.ok(s.pValue > 0 && s.pValue <= 1);
    }
    assert.deepEqual(r.mcnemar.perSeed.map((s: { seed: number }) => s.seed), [1, 2]);
    // The interval over seeds: mean ± t(0.975, 1)·sd/√2, t = 12.706.
    const a = r.gru.accuracy;
    assert.ok(Math.abs(a.mean - (1 + sunDays / 219) / 2) < 1e-12);
    assert.ok(Math.abs(a.high95 - a.mean - 12.706 * a.sd / Math.SQRT2) < 1e-3 * Math.max(1e-3, a.sd));
    assert.ok(Math.abs(r.gru.standardErrorOneRun - Math.sqrt(a.mean * (1 - a.mean) / 219)) < 1e-12);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("tutorialStudy refuses a trainSeeds that answers for other seeds or other days, and an empty seed list", async () => {
  const wrongSeeds = async (request: TutorialSeedsRequest) => (await knownSeeds([])(request)).reverse();
  await assert.rejects(() => tutorialStudy({ seeds: [1, 2], resultsDir: null, trainSeeds: wrongSeeds }),
    /tutorialStudy: trainSeeds returned seeds 2, 1 \(219, 219 test days\); expected 1, 2 with 219 each/);
  const fewDays = async (request: TutorialSeedsRequest) => (await knownSeeds([])(request)).map((s) => ({ ...s, probabilities: s.probabilities.slice(1) }));
  await assert.rejects(() => tutorialStudy({ seeds: [1], resultsDir: null, trainSeeds: fewDays }), /returned seeds 1 \(218 test days\); expected 1 with 219 each/);
  await assert.rejects(() => tutorialStudy({ seeds: [], resultsDir: null, trainSeeds: knownSeeds([]) }), /tutorialStudy: option seeds is empty/);
});
