import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readHistoryCsv } from "../../src/runs/historyCsv";
import { RunInterrupted } from "../../src/runs/RunInterrupted";
import { gruVsLstmStudy, gruVsLstmStudyMemory, trialOutcome } from "../../src/sweeps/gruVsLstmStudy";
import { checkJobMemory, estimateJobMemory, SWEEP_PROCESS, WORKER_PROCESS } from "../../src/bounds/checkJobMemory";
import { JOB_OVERHEAD } from "../../src/bounds/estimateMemory";
import { fisherExactTest } from "../../src/training/fisherExactTest";
import { trialDir } from "../../src/sweeps/runTrial";
import { trialId } from "../../src/sweeps/trialId";

// A tiny budget: T 6, 2 seeds, 40 updates per trial (4 validation scores), two learning rates, two ablations.
const tiny = {
  tasks: ["adding" as const], lengths: [6], seeds: 2, updates: 40, updatesPerEpoch: 10, batchSize: 8, gruUnits: 4, learningRates: [0.03, 0.003],
  ablations: ["gru-reset-before", "lstm-chrono"], workers: 0, backend: "cpu", progress: "none" as const,
};
const fixed = { batchSize: 8, gruUnits: 4, clipNorm: 1, updatesPerEpoch: 10 };

test("the study at a tiny budget writes results and figures whose numbers recompute from the trial folders", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-study-"));
  const results = await gruVsLstmStudy({ ...tiny, dir: path.join(parent, "sweeps"), resultsDir: path.join(parent, "results"), figuresDir: path.join(parent, "figures"), command: "test" });
  const file = JSON.parse(fs.readFileSync(path.join(parent, "results", "gru-vs-lstm.json"), "utf8"));
  assert.deepEqual(file, JSON.parse(JSON.stringify(results)), "the file holds what the study returned");
  for (const key of ["study", "date", "command", "versions", "budget"]) assert.ok(key in file, key);
  assert.equal(file.budget.trials, 3 * 2 + 5 * 2, "3 cells × 2 rates on the tuning seed, then 5 variants × 2 seeds");
  assert.equal(file.budget.updatesSpent, 16 * 40);
  const threshold = 0.1 / 6;
  assert.equal(file.tasks.adding.baseline.threshold, threshold);
  const sweeps = path.join(parent, "sweeps");
  // The chosen rate per cell: the lowest validation loss of its learning-rate trials, read from their history.csv.
  for (const cell of ["gru", "lstm", "simpleRnn"]) {
    const best = await Promise.all(tiny.learningRates.map(async (lr) => {
      const dir = trialDir(path.join(sweeps, "lr-adding-T6"), trialId({ task: "adding", length: 6, variant: cell, learningRate: lr, seed: 101, ...fixed }));
      return { lr, loss: Math.min(...(await readHistoryCsv(path.join(dir, "history.csv"))).map((r) => r.val_loss)) };
    }));
    assert.equal(file.chosenLearningRates.adding.T6[cell], best.reduce((a, b) => (b.loss < a.loss ? b : a)).lr, cell);
  }
  // Success, updates to solve and test error per variant from the seeds' folders.
  for (const [variant, c] of Object.entries(file.tasks.adding.lengths.T6) as Array<[string, Record<string, any>]>) {
    const cell = variant.startsWith("gru") ? "gru" : variant.startsWith("lstm") ? "lstm" : "simpleRnn";
    assert.equal(c.learningRate, file.chosenLearningRates.adding.T6[cell], `${variant} uses its cell's rate`);
    let solved = 0;
    const tests: number[] = [];
    for (const [k, seed] of [1, 2].entries()) {
      const dir = path.join(sweeps, c.trialDirs[k]);
      assert.equal(dir, trialDir(path.join(sweeps, `${["gru", "lstm", "simpleRnn"].includes(variant) ? "cells" : "ablations"}-adding-T6-lr${c.learningRate}`), trialId({ task: "adding", length: 6, variant, learningRate: c.learningRate, seed, ...fixed })));
      const rows = await readHistoryCsv(path.join(dir, "history.csv"));
      assert.equal(rows.length, 4);
      const first = rows.findIndex((r) => r.val_loss < threshold);
      assert.equal(c.perSeed[k].updatesToSolve, first < 0 ? null : (first + 1) * 10);
      if (first >= 0) solved++;
      tests.push(JSON.parse(fs.readFileSync(path.join(dir, "metrics.json"), "utf8")).test.loss);
    }
    assert.equal(c.successRate, solved / 2);
    assert.deepEqual(c.testError.perSeed, tests);
    assert.equal(c.testError.mean, (tests[0] + tests[1]) / 2);
  }
  // Fisher's exact test of the success rates, from the solved counts (test/training/fisherExactTest.test.ts checks the test itself).
  const rows = file.tasks.adding.lengths.T6;
  assert.deepEqual(Object.keys(file.tasks.adding.successFisherP.T6), ["gru-vs-lstm", "gru-vs-simpleRnn", "lstm-vs-simpleRnn", "gru-reset-before-vs-gru", "lstm-chrono-vs-lstm"]);
  assert.equal(file.tasks.adding.successFisherP.T6["lstm-chrono-vs-lstm"], fisherExactTest(rows["lstm-chrono"].solved, 2, rows.lstm.solved, 2));
  // The figures are drawn from the same numbers.
  const svg = fs.readFileSync(path.join(parent, "figures", "gru-vs-lstm-adding-success.svg"), "utf8");
  const points = [...svg.matchAll(/data-series="([^"]+)" data-x="6" data-y="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])]);
  assert.deepEqual(points, Object.entries(file.tasks.adding.lengths.T6).map(([v, c]) => [v, (c as { successRate: number }).successRate]));
  assert.ok(fs.existsSync(path.join(parent, "figures", "gru-vs-lstm-adding-updates.svg")));
});

test("interrupted by SIGINT mid-trial, the study run again continues and gives the uninterrupted table", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-resume-"));
  const options = { ...tiny, ablations: [], learningRates: [0.03], resultsDir: null, figuresDir: null };
  const reference = await gruVsLstmStudy({ ...options, dir: path.join(parent, "reference") });
  const dir = path.join(parent, "interrupted");
  // Interrupt once a seeds trial has written an epoch but not finished (inside the sweep, whose handler takes the signal).
  let sent = false;
  const timer = setInterval(() => {
    const sweep = fs.existsSync(dir) ? fs.readdirSync(dir).find((s) => s.startsWith("cells-")) : undefined;
    if (sweep === undefined || sent) return;
    const trials = path.join(dir, sweep, "trials");
    for (const id of fs.existsSync(trials) ? fs.readdirSync(trials) : []) {
      const history = path.join(trials, id, "history.csv");
      if (fs.existsSync(history) && fs.readFileSync(history, "utf8").trim().split("\n").length >= 2 && !fs.existsSync(path.join(trials, id, "trial.json"))) {
        sent = true;
        process.kill(process.pid, "SIGINT");
        return;
      }
    }
  }, 2);
  try {
    await assert.rejects(gruVsLstmStudy({ ...options, dir }), (err: unknown) => err instanceof RunInterrupted);
  } finally {
    clearInterval(timer);
  }
  assert.ok(sent);
  const resumed = await gruVsLstmStudy({ ...options, dir });
  const undated = (tasks: unknown) => JSON.parse(JSON.stringify(tasks, (k, v) => (k === "runDate" ? undefined : v)));
  assert.deepEqual(undated(resumed.tasks), undated(reference.tasks), "the same table, every number bitwise (the run's date aside)");
  assert.deepEqual(resumed.chosenLearningRates, reference.chosenLearningRates);
});

test("bad options are refused before anything runs, naming the option", async () => {
  await assert.rejects(gruVsLstmStudy({ ...tiny, updates: 45, resultsDir: null, figuresDir: null }), /option updates: 45, expected a positive multiple of updatesPerEpoch \(10\)/);
  await assert.rejects(gruVsLstmStudy({ ...tiny, ablations: ["lstm-peepholes"], resultsDir: null, figuresDir: null }), /option ablations: "lstm-peepholes"/);
  await assert.rejects(gruVsLstmStudy({ ...tiny, tasks: ["sorting" as never], resultsDir: null, figuresDir: null }), /option tasks: "sorting"/);
});

test("keepFrom keeps a previous run's rows and learning rates this run does not make, marked with their run, and refuses another budget", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-keep-"));
  const options = { ...tiny, ablations: [], learningRates: [0.03], resultsDir: null, figuresDir: null, dir: path.join(parent, "sweeps") };
  const first = await gruVsLstmStudy({ ...options, command: "first" }) as Record<string, any>;
  await assert.rejects(gruVsLstmStudy({ ...options, updates: 20, lengths: [8], keepFrom: first }), /option keepFrom: the previous results' updatesPerTrial is 40, this run's 20/);
  assert.ok(!fs.existsSync(path.join(parent, "sweeps", "lr-adding-T8")), "refused before anything ran");
  const second = await gruVsLstmStudy({ ...options, lengths: [8], command: "second", keepFrom: first }) as Record<string, any>;
  const { T6, T8 } = second.tasks.adding.lengths;
  for (const [v, row] of Object.entries(T6) as Array<[string, Record<string, unknown>]>) {
    assert.deepEqual(row, first.tasks.adding.lengths.T6[v], `${v} at T 6 kept as it was`);
    assert.equal(row.runDate, first.date);
    assert.equal(row.updates, 40);
  }
  for (const row of Object.values(T8) as Array<Record<string, unknown>>) assert.equal(row.runDate, second.date);
  assert.deepEqual(second.budget.lengths, [6, 8]);
  assert.deepEqual(second.budget.runs.map((r: { command: string }) => r.command), ["first", "second"]);
  // The run that kept a file records that file's own date, command and budget (its path is not needed to trace it).
  assert.deepEqual(second.budget.runs[1].keptFrom, {
    date: first.date, command: "first",
    budget: { updatesPerTrial: 40, seeds: first.budget.seeds, learningRates: [0.03], tasks: first.budget.tasks, lengths: first.budget.lengths, trials: first.budget.trials },
  });
  assert.equal(second.budget.runs[0].keptFrom, undefined);
  assert.equal(second.budget.trials, first.budget.trials + second.budget.thisRun.trials, "every kept sweep counted once");
  assert.equal(second.budget.trials, 2 * (3 + 3 * 2));
  assert.deepEqual(second.chosenLearningRates.adding.T6, first.chosenLearningRates.adding.T6);
  // Made again, a row replaces the kept one; the kept rates are used (no learning-rate sweep), so their sweep stays counted.
  const third = await gruVsLstmStudy({ ...options, lengths: [6], command: "third", keepFrom: second }) as Record<string, any>;
  assert.equal(third.tasks.adding.lengths.T6.gru.runDate, third.date);
  assert.equal(third.tasks.adding.lengths.T8.gru.runDate, second.date);
  assert.deepEqual(third.budget.runs.map((r: { command: string }) => r.command), ["first", "second", "third"]);
  assert.deepEqual([third.budget.runs[1].keptFrom.date, third.budget.runs[2].keptFrom.date], [first.date, second.date], "carried with the run that kept it");
  assert.equal(third.budget.trials, second.budget.trials);
  // Only an ablation at a kept length, in a fresh sweeps folder: the cells' rows and the rates are kept, nothing else runs.
  const fresh = path.join(parent, "fresh");
  const fourth = await gruVsLstmStudy({ ...options, dir: fresh, lengths: [8], cells: [], ablations: ["gru-chrono"], command: "fourth", keepFrom: second }) as Record<string, any>;
  assert.deepEqual(fs.readdirSync(fresh), [`ablations-adding-T8-lr${second.chosenLearningRates.adding.T8.gru}`]);
  assert.deepEqual(Object.keys(fourth.tasks.adding.lengths.T8), ["gru", "lstm", "simpleRnn", "gru-chrono"]);
  assert.deepEqual(fourth.tasks.adding.lengths.T8.lstm, second.tasks.adding.lengths.T8.lstm);
  assert.equal(fourth.tasks.adding.lengths.T8["gru-chrono"].runDate, fourth.date);
  assert.equal(fourth.budget.trials, second.budget.trials + 2);
  assert.deepEqual(fourth.budget.ablationLengths, [8]);
  await assert.rejects(gruVsLstmStudy({ ...options, cells: ["rnn"] }), /option cells: "rnn", expected some of gru, lstm, simpleRnn/);
});

test("stopWhenSolved: the same solved flags and updates to solve as without stopping, solved trials end at their solve, the rate chosen solved-fastest first", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-stop-"));
  // Solved at 0.8 of the baseline's MSE: at this budget some trials solve, at different epochs, and some do not.
  const options = { ...tiny, updates: 60, learningRates: [0.03, 0.003], ablations: ["gru-chrono"], solvedFraction: 0.8, resultsDir: null, figuresDir: null };
  const stopped = await gruVsLstmStudy({ ...options, stopWhenSolved: true, dir: path.join(parent, "stopped") }) as Record<string, any>;
  const threshold = 0.8 / 6;
  assert.equal(stopped.stopWhenSolved, true);
  assert.equal(stopped.learningRateRule, "solved-fastest");
  // The rate: solved-fastest over the learning-rate trials of a study without stopping, recomputed from their history.csv.
  const full = await gruVsLstmStudy({ ...options, dir: path.join(parent, "full") }) as Record<string, any>;
  assert.equal(full.learningRateRule, "val-loss");
  assert.equal(full.stopWhenSolved, undefined);
  for (const cell of ["gru", "lstm", "simpleRnn"]) {
    const ranked = await Promise.all(options.learningRates.map(async (lr) => {
      const dir = trialDir(path.join(parent, "full", "lr-adding-T6"), trialId({ task: "adding", length: 6, variant: cell, learningRate: lr, seed: 101, ...fixed }));
      const losses = (await readHistoryCsv(path.join(dir, "history.csv"))).map((r) => r.val_loss);
      const first = losses.findIndex((l) => l < threshold);
      return { lr, key: first >= 0 ? [0, first, losses[first]] : [1, Math.min(...losses), 0] };
    }));
    const expected = ranked.reduce((a, b) => (b.key[0] - a.key[0] || b.key[1] - a.key[1] || b.key[2] - a.key[2]) < 0 ? b : a).lr;
    assert.equal(stopped.chosenLearningRates.adding.T6[cell], expected, cell);
  }
  // The seeds at the rates the stopped study chose, without stopping (the same rates given as the only ones).
  const solvedSeen: boolean[] = [];
  for (const [variant, row] of Object.entries(stopped.tasks.adding.lengths.T6) as Array<[string, Record<string, any>]>) {
    const same = await gruVsLstmStudy({ ...options, learningRates: [row.learningRate], dir: path.join(parent, `full-${variant}`) }) as Record<string, any>;
    const reference = same.tasks.adding.lengths.T6[variant];
    assert.deepEqual(row.perSeed.map((p: any) => [p.solved, p.updatesToSolve]), reference.perSeed.map((p: any) => [p.solved, p.updatesToSolve]), variant);
    assert.equal(row.successRate, reference.successRate);
    assert.equal(row.medianUpdatesToSolve, reference.medianUpdatesToSolve);
    for (const p of row.perSeed) {
      solvedSeen.push(p.solved);
      assert.equal(p.epochs, p.solved ? p.updatesToSolve / 10 : 6, `${variant} seed ${p.seed}: a solved trial ends at its solve, an unsolved one runs the budget`);
    }
  }
  assert.ok(solvedSeen.includes(true) && solvedSeen.includes(false), "the tiny budget solves some trials, not all (else the test shows little)");
  const epochsRun = stopped.budget.sweeps.reduce((n: number, s: { updates: number }) => n + s.updates, 0);
  assert.equal(stopped.budget.updatesSpent, epochsRun);
  assert.ok(stopped.budget.updatesSpent < stopped.budget.trials * 60);
  // A results file made the other way is not merged.
  await assert.rejects(gruVsLstmStudy({ ...options, stopWhenSolved: true, keepFrom: full, dir: path.join(parent, "stopped") }), /keepFrom: the previous results' stopWhenSolved is false, this run's true/);
});

// The study of record's sizes (the defaults of gruVsLstmStudy and of the gru-vs-lstm-updates trial).
const record = { tasks: ["adding", "recall"], lengths: [50, 100, 200, 400], gruUnits: 32, batchSize: 32, updatesPerEpoch: 50, learningRates: [1e-3, 3e-3, 1e-2], variants: 7, seeds: 5, workers: 0 };

test("gruVsLstmStudyMemory: a trial bounded as a GRU of twice the units at the longest length with recall's inputs, on two epochs' batches and the validation and test sets; N workers each a whole process plus the study's own", () => {
  // The trial alone, written out independently: recall's 9 inputs and 8 outputs, T 400, 2 × 50 × 32 + 512 + 1,024 windows.
  const trialOnly = estimateJobMemory({ job: "t", cell: "gru", units: 64, timesteps: 400, features: 9, outputs: 8, targets: 1, batchSize: 32, windows: 4736, flags: {} });
  // Every process that runs trials may run all three cells (a sweep of the study holds GRU, LSTM and SimpleRNN trials), each cell's fused kernel
  // keeping its memory: besides the GRU's, the LSTM's (4 gates of the GRU kernel's 3) and the SimpleRNN's (1 of 3).
  const g = trialOnly.kernelBytes;
  const trial = trialOnly.peak - JOB_OVERHEAD + Math.ceil((g * 4) / 3) + Math.ceil(g / 3);
  const inProcess = estimateJobMemory(gruVsLstmStudyMemory(record));
  assert.equal(inProcess.peak, JOB_OVERHEAD + trial);
  assert.equal(inProcess.processes, 1);
  // Adding only: 2 inputs, 1 output; the longest length counts, not the first.
  const adding = estimateJobMemory({ job: "t", cell: "gru", units: 64, timesteps: 400, features: 2, outputs: 1, targets: 1, batchSize: 32, windows: 4736, flags: {} });
  assert.equal(estimateJobMemory({ ...gruVsLstmStudyMemory({ ...record, tasks: ["adding"] }), kernelCells: ["gru"] }).peak, adding.peak);
  assert.ok(adding.peak < trialOnly.peak, "recall's one-hot inputs cost more than adding's two");
  assert.equal(estimateJobMemory({ ...gruVsLstmStudyMemory({ ...record, lengths: [400, 50] }), kernelCells: ["gru"] }).peak, trialOnly.peak);
  // 2 workers: each a whole process with one trial at a time, and the study's own.
  const two = estimateJobMemory(gruVsLstmStudyMemory({ ...record, workers: 2 }));
  assert.equal(two.perProcess, WORKER_PROCESS + trial);
  assert.equal(two.peak, SWEEP_PROCESS + 2 * (WORKER_PROCESS + trial));
  // 64 workers: the largest sweep has 7 variants × 5 seeds = 35 trials, the other 29 workers never run one.
  assert.equal(estimateJobMemory(gruVsLstmStudyMemory({ ...record, workers: 64 })).peak, SWEEP_PROCESS + 35 * (WORKER_PROCESS + trial) + 29 * WORKER_PROCESS);
  // One seed, no ablations: the learning-rate sweep (3 cells × 3 rates = 9 trials) is the largest.
  assert.equal(estimateJobMemory(gruVsLstmStudyMemory({ ...record, variants: 3, seeds: 1, workers: 64 })).peak, SWEEP_PROCESS + 9 * (WORKER_PROCESS + trial) + 55 * WORKER_PROCESS);
});

test("the study's memory refusal names --lengths and --workers (≤ what fits); gruVsLstmStudy refuses before anything runs", async () => {
  const limit = Math.ceil(estimateJobMemory(gruVsLstmStudyMemory({ ...record, workers: 2 })).peak) + 1; // two workers fit, three do not
  assert.ok(estimateJobMemory(gruVsLstmStudyMemory({ ...record, workers: 3 })).peak > limit);
  checkJobMemory({ ...gruVsLstmStudyMemory({ ...record, workers: 2 }), memoryLimit: limit });
  assert.throws(() => checkJobMemory({ ...gruVsLstmStudyMemory({ ...record, workers: 4 }), memoryLimit: limit }),
    /^Error: memory bound: gru-vs-lstm study with --lengths 50,100,200,400 --workers 4 \(gruUnits 32, batchSize 32, updatesPerEpoch 50\) would need about .* lower (.* or )?--workers ≤ 2\.$/);
  assert.throws(() => checkJobMemory({ ...gruVsLstmStudyMemory({ ...record, lengths: [1e6] }) }), /gru-vs-lstm study with --lengths 1000000 .*--lengths/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gru-vs-lstm-memory-"));
  const before = process.env.GRULAB_MEMORY_LIMIT;
  process.env.GRULAB_MEMORY_LIMIT = String(limit);
  try {
    await assert.rejects(gruVsLstmStudy({ workers: 4, dir: path.join(dir, "sweeps"), resultsDir: null, figuresDir: null, progress: "none" }), /memory bound: gru-vs-lstm study with --lengths 50,100,200,400 --workers 4 .*--workers ≤ 2\./);
    // Through an executor the trials run elsewhere: this process's bound (as --workers 0), which fits.
    assert.ok(estimateJobMemory(gruVsLstmStudyMemory({ ...record, workers: 0 })).peak < limit);
  } finally {
    if (before === undefined) delete process.env.GRULAB_MEMORY_LIMIT;
    else process.env.GRULAB_MEMORY_LIMIT = before;
  }
  assert.ok(!fs.existsSync(path.join(dir, "sweeps")), "nothing was made");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("trialOutcome: a diverged trial (no metrics.json) is unsolved with no test error, unless it solved before; another trial without metrics.json is an error naming it", async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-outcome-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const trial = (name: string, status: string, valAcc: number[], metrics?: object) => {
    const d = path.join(dir, name);
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, "history.csv"), "epoch,loss,val_loss,acc,val_acc,seconds\n" +
      valAcc.map((a, i) => `${i + 1},2.08,2.08,0.12,${a},1.0`).join("\n") + "\n");
    fs.writeFileSync(path.join(d, "run.json"), JSON.stringify({ format: 2, name: name, task: "classification", status, reason: null, epoch: valAcc.length, bestEpoch: 1, createdAt: "2026-12-07T18:00:00.000Z", updatedAt: "2026-12-07T18:01:00.000Z" }));
    if (metrics) fs.writeFileSync(path.join(d, "metrics.json"), JSON.stringify(metrics));
    return d;
  };
  // Recall: the error is 1 − val_acc; solved below 0.0875.
  const diverged = await trialOutcome(trial("diverged", "diverged", [0.1, 0.12, 0.09]), "recall", 50, 0.0875);
  assert.deepEqual(diverged, { solved: false, updatesToSolve: null, errorAtSolve: null, bestValError: 1 - 0.12, testError: null, diverged: true, epochs: 3 });
  const solvedFirst = await trialOutcome(trial("solved-then-diverged", "diverged", [0.5, 0.95, 0.2]), "recall", 50, 0.0875);
  assert.equal(solvedFirst.solved, true);
  assert.equal(solvedFirst.updatesToSolve, 100);
  assert.equal(solvedFirst.testError, null);
  const finished = await trialOutcome(trial("finished", "finished", [0.5, 0.95], { test: { loss: 0.3, accuracy: 0.96 } }), "recall", 50, 0.0875);
  assert.equal(finished.diverged, false);
  assert.ok(Math.abs((finished.testError as number) - 0.04) < 1e-12);
  await assert.rejects(trialOutcome(trial("failed", "failed", [0.1]), "recall", 50, 0.0875),
    (err: Error) => err.message.includes(path.join(dir, "failed")) && /has no metrics\.json \(status failed\): run its sweep again/.test(err.message));
});
