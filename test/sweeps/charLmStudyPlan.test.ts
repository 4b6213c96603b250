import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CHARLM_STUDY_DEFAULTS } from "../../src/sweeps/charLmStudy";
import { charLmStudyPlan } from "../../src/sweeps/charLmStudyPlan";
import { canonicalJson, trialId } from "../../src/sweeps/trialId";

// test/fixtures/charlm-record: the sweep.json and results.csv of the GRU sweep of the char-LM study of record, as
// `grulab study charlm --units 128 --dropouts 0,0.25 --epochs 10 --workers 2 --sweeps …` made them (copied from its
// folder on 2026-12-07 while it ran), and one of its trials' config.json. A later version must plan the same sweep
// (what planSweep compares before it continues a folder) and the same trial ids, or the study would not resume.
const fixtures = path.resolve(__dirname, "../../../test/fixtures/charlm-record");
const recordSweep = JSON.parse(fs.readFileSync(path.join(fixtures, "sweep.json"), "utf8"));
const recordIds = fs.readFileSync(path.join(fixtures, "results.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0]);
const recordTrialConfig = JSON.parse(fs.readFileSync(path.join(fixtures, "trial-config.json"), "utf8"));
const RECORD_OPTIONS = { ...CHARLM_STUDY_DEFAULTS, gruUnits: 128, dropouts: [0, 0.25], maxEpochs: 10 };

test("the record command's options plan the sweeps and trial ids of the study of record's folder", () => {
  const plans = charLmStudyPlan(RECORD_OPTIONS);
  assert.deepEqual(plans.map((p) => p.name), ["gru", "lstm", "simpleRnn"].map((c) => `${c}-u128-l2-all-T100-b64-lr0.002-e10`));
  const gru = plans[0];
  assert.equal(gru.name, recordSweep.name);
  for (const key of ["trial", "space", "budget", "metric", "mode"] as const) {
    const planned = key === "trial" ? { job: gru.definition.trial } : gru.definition[key];
    assert.equal(canonicalJson(planned), canonicalJson(recordSweep[key]), key);
  }
  assert.equal(canonicalJson(recordSweep.scheduler), canonicalJson({ kind: "grid" }));
  assert.equal(recordSweep.seed, 0);
  assert.deepEqual(gru.trials.map((t) => t.trialId), recordIds);
  // The id is the hash of the trial's sweep options, the ones its config.json starts with.
  const own = Object.fromEntries(Object.keys(recordSweep.space).map((k) => [k, recordTrialConfig[k]]));
  assert.equal(trialId(own), gru.trials.find((t) => t.dropout === recordTrialConfig.dropout && t.seed === recordTrialConfig.seed)!.trialId);
  // The other cells' trials differ from the GRU's by the cell alone.
  for (const p of plans.slice(1)) {
    assert.deepEqual(p.trials.map((t) => t.trialId), gru.trials.map((t) => trialId({ cell: p.cell, dropout: t.dropout, seed: t.seed, ...gru.fixed })));
  }
});

test("no option is the study of record: the defaults plan what the record command plans; the unit tests' budget changes no sweep", () => {
  assert.deepEqual(charLmStudyPlan(CHARLM_STUDY_DEFAULTS), charLmStudyPlan(RECORD_OPTIONS));
  assert.deepEqual(charLmStudyPlan({ ...CHARLM_STUDY_DEFAULTS, unitChars: 500, unitShuffles: 7 } as typeof CHARLM_STUDY_DEFAULTS), charLmStudyPlan(RECORD_OPTIONS));
  assert.equal(charLmStudyPlan(CHARLM_STUDY_DEFAULTS)[0].trials.length, 6);
});

test("another budget plans other names or ids: the epoch bound names the sweep (same ids), a size or a corpus cut changes both", () => {
  const base = charLmStudyPlan(RECORD_OPTIONS)[0];
  const longer = charLmStudyPlan({ ...RECORD_OPTIONS, maxEpochs: 30 })[0];
  assert.equal(longer.name, "gru-u128-l2-all-T100-b64-lr0.002-e30");
  assert.equal(longer.prefix, base.prefix);
  assert.deepEqual(longer.trials, base.trials, "the same trials continue under a larger bound");
  const wide = charLmStudyPlan({ ...RECORD_OPTIONS, gruUnits: 256, maxChars: 200000 })[0];
  assert.equal(wide.name, "gru-u256-l2-c200000-T100-b64-lr0.002-e10");
  assert.ok(wide.trials.every((t, i) => t.trialId !== base.trials[i].trialId));
  assert.deepEqual(charLmStudyPlan({ ...RECORD_OPTIONS, dropouts: [0, 0.25, 0.5] })[0].trials.slice(0, 3), base.trials.slice(0, 3), "a third dropout adds trials, keeps the others");
});
