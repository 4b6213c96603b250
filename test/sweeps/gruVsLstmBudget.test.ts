import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { gruVsLstmBudget } from "../../src/sweeps/gruVsLstmBudget";

const cells = { gru: 0.01, lstm: 0.02, simpleRnn: 0.005 };
const cost = { cpuSecondsPerUpdate: { T50: cells }, cpuSecondsFixedPerTrial: { T50: { gru: 1, lstm: 2, simpleRnn: 3 } } };
const seeds = (...s: Array<number | null>) => ({ perSeed: s.map((u) => ({ solved: u !== null, updatesToSolve: u })) });

test("gruVsLstmBudget: without stopping every trial runs the budget; with stopping the recorded solves stop at their updates to solve", () => {
  const solved = { budget: { updatesPerTrial: 600 }, tasks: { adding: { lengths: { T50: { gru: seeds(100, 200), lstm: seeds(null, 500) } } } } };
  const [piece] = gruVsLstmBudget(cost, solved, { updates: 1000, tasks: ["adding"], learningRates: 2, seeds: 2, ablations: ["lstm-chrono"] });
  // 2 rates × 3 cells, then gru, lstm, simpleRnn, lstm-chrono × 2 seeds.
  assert.equal(piece.trials, 6 + 8);
  const trial = (fixed: number, perUpdate: number, n: number) => fixed + n * perUpdate;
  const rates = 2 * (trial(1, 0.01, 1000) + trial(2, 0.02, 1000) + trial(3, 0.005, 1000));
  const full = rates + 2 * (trial(1, 0.01, 1000) + 2 * trial(2, 0.02, 1000) + trial(3, 0.005, 1000));
  assert.ok(Math.abs(piece.cpuHours - full / 3600) < 1e-12);
  // gru seeds stop at 100 and 200, lstm seed 2 at 500; lstm seed 1, simpleRnn and lstm-chrono (not recorded) run 1000.
  const stopping = rates + trial(1, 0.01, 100) + trial(1, 0.01, 200) + trial(2, 0.02, 1000) + trial(2, 0.02, 500) + 2 * trial(3, 0.005, 1000) + 2 * trial(2, 0.02, 1000);
  assert.ok(Math.abs(piece.cpuHoursStopping - stopping / 3600) < 1e-12);
  assert.equal(piece.seedsStoppingEarly, 3);
  assert.deepEqual([piece.task, piece.length], ["adding", 50]);
  // A task the record lacks runs the whole budget.
  const [recall] = gruVsLstmBudget(cost, solved, { updates: 1000, tasks: ["recall"], learningRates: 2, seeds: 2, ablations: ["lstm-chrono"] });
  assert.equal(recall.cpuHoursStopping, recall.cpuHours);
});

test("gruVsLstmBudget on the committed files: without stopping the full design at 10⁴ updates is the cost file's own estimate", () => {
  const results = path.resolve(__dirname, "../../../results");
  const costFile = JSON.parse(fs.readFileSync(path.join(results, "gru-vs-lstm-cost.json"), "utf8"));
  const solved = JSON.parse(fs.readFileSync(path.join(results, "gru-vs-lstm.json"), "utf8"));
  const pieces = gruVsLstmBudget(costFile, solved, { updates: 10_000 });
  assert.equal(pieces.length, 8);
  assert.equal(pieces.reduce((n, p) => n + p.trials, 0), costFile.fullRun.trials);
  assert.ok(Math.abs(pieces.reduce((n, p) => n + p.cpuHours, 0) - costFile.fullRun.cpuHoursAt1e4Updates) < 1e-9);
  const recall400 = pieces.find((p) => p.task === "recall" && p.length === 400)!;
  assert.equal(recall400.cpuHoursStopping, recall400.cpuHours, "recall at T 400 was not run at 600 updates");
  assert.ok(pieces.every((p) => p.cpuHoursStopping <= p.cpuHours));
});

test("gruVsLstmBudget on the committed files at 10⁴ and 10⁵ updates: the cost file's totals, minus (budget − updates to solve) × rate for every solve the record holds, recounted here; results/gru-vs-lstm-budget.json holds the same", () => {
  const results = path.resolve(__dirname, "../../../results");
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(results, name), "utf8"));
  const costFile = read("gru-vs-lstm-cost.json"), solved = read("gru-vs-lstm.json"), budgetFile = read("gru-vs-lstm-budget.json");
  // The design's variants and each one's cell, by name (gru-*, lstm-*), not from the code's table.
  const variants = ["gru", "lstm", "simpleRnn", "gru-reset-before", "gru-chrono", "lstm-forget-bias-0", "lstm-chrono"];
  const cellOf = (v: string) => (v.startsWith("gru") ? "gru" : v.startsWith("lstm") ? "lstm" : "simpleRnn");
  const fullHours: Record<number, number> = { 10_000: costFile.fullRun.cpuHoursAt1e4Updates, 100_000: costFile.fullRun.cpuHoursAt1e5Updates };
  for (const updates of [10_000, 100_000]) {
    let savedSeconds = 0, early = 0;
    for (const task of ["adding", "recall"]) {
      for (const T of Object.keys(costFile.cpuSecondsPerUpdate)) {
        for (const v of variants) {
          for (const seed of (solved.tasks[task]?.lengths[T]?.[v]?.perSeed ?? []).slice(0, 5)) {
            if (!seed.solved) continue;
            early++;
            savedSeconds += (updates - seed.updatesToSolve) * costFile.cpuSecondsPerUpdate[T][cellOf(v)];
          }
        }
      }
    }
    assert.ok(early > 100, `the record holds ${early} solved seeds`);
    const pieces = gruVsLstmBudget(costFile, solved, { updates });
    const sum = (k: "trials" | "cpuHours" | "cpuHoursStopping" | "seedsStoppingEarly") => pieces.reduce((n, p) => n + p[k], 0);
    const stopping = fullHours[updates] - savedSeconds / 3600;
    assert.equal(sum("trials"), costFile.fullRun.trials);
    assert.ok(Math.abs(sum("cpuHours") - fullHours[updates]) < 1e-9, `${updates}: ${sum("cpuHours")} vs the cost file's ${fullHours[updates]}`);
    assert.ok(Math.abs(sum("cpuHoursStopping") - stopping) < 1e-9, `${updates}: stopping ${sum("cpuHoursStopping")} vs recounted ${stopping}`);
    assert.equal(sum("seedsStoppingEarly"), early);
    const committed = budgetFile.budgets[`updates${updates}`];
    assert.equal(committed.trials, costFile.fullRun.trials);
    assert.ok(Math.abs(committed.cpuHours - fullHours[updates]) < 1e-9, `committed ${committed.cpuHours} vs ${fullHours[updates]}`);
    assert.ok(Math.abs(committed.cpuHoursStopping - stopping) < 1e-9, `committed stopping ${committed.cpuHoursStopping} vs recounted ${stopping}`);
    assert.ok(Math.abs(committed.stoppingSaves - (1 - stopping / fullHours[updates])) < 1e-9);
    assert.equal(committed.seedsStoppingEarly, early);
  }
});

test("gruVsLstmBudget refuses a budget below the record's, an unknown ablation and a cell the cost file lacks", () => {
  const solved = { budget: { updatesPerTrial: 600 }, tasks: {} };
  assert.throws(() => gruVsLstmBudget(cost, solved, { updates: 500 }), /updates: 500 is below the recorded study's 600 updates per trial/);
  assert.throws(() => gruVsLstmBudget(cost, solved, { updates: 1000, ablations: ["gru-peephole"] }), /option ablations: "gru-peephole" is not a variant/);
  assert.throws(() => gruVsLstmBudget({ ...cost, cpuSecondsFixedPerTrial: { T50: { gru: 1 } } }, solved, { updates: 1000 }), /the cost file has no lstm at T50/);
});
