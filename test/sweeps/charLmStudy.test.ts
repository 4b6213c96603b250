import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as crypto from "crypto";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RUN_FILES, TRACE_FILES } from "../../src/runs/runFormat";
import { readHistoryCsv } from "../../src/runs/historyCsv";
import { readCheckpointState } from "../../src/runs/checkpoint";
import { charLmStudy, charLmStudyMemory, CHARLM_STUDY_DEFAULTS } from "../../src/sweeps/charLmStudy";
import { checkJobMemory, estimateJobMemory, SWEEP_PROCESS, WORKER_PROCESS } from "../../src/bounds/checkJobMemory";
import { JOB_OVERHEAD } from "../../src/bounds/estimateMemory";
import { charLmStudyFigures } from "../../src/charts/charLmStudyFigures";

// A tiny budget: GRU 2 × 4 and its matched LSTM and SimpleRNN, 6,000 characters per split, 2 seeds, 2 dropouts, 2 epochs.
const tiny = {
  gruUnits: 4, maxChars: 6000, maxEpochs: 2, patience: 1, seeds: 2, dropouts: [0, 0.3], timesteps: 20, batchSize: 8, traceChars: 200,
  ngramOrders: [1, 3], kneserNeyOrder: 6, bootstrapBlock: 50, bootstrapResamples: 200, unitShuffles: 19, workers: 0, progress: "none" as const,
};

const bitsOf = (dir: string) => {
  const buf = fs.readFileSync(path.join(dir, RUN_FILES.traces, TRACE_FILES.testLog2Probability));
  return Array.from(new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)), (v) => -v);
};

test("the study at a tiny budget writes results whose numbers recompute from the trial folders; the same call again reads every trial back; a larger epoch bound continues them", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-charlm-study-"));
  try {
    const sweeps = path.join(parent, "sweeps");
    const results = await charLmStudy({ ...tiny, dir: sweeps, resultsDir: path.join(parent, "results"), command: "test" });
    const file = JSON.parse(fs.readFileSync(path.join(parent, "results", "charlm.json"), "utf8"));
    assert.deepEqual(file, JSON.parse(JSON.stringify(results)), "the file holds what the study returned");
    for (const key of ["study", "date", "command", "versions", "budget", "bootstrap", "cells", "differences", "ngram"]) assert.ok(key in file, key);
    assert.equal(file.budget.trials, 3 * 2 * 2);
    assert.deepEqual(Object.keys(file.cells), ["gru", "lstm", "simpleRnn"]);
    for (const [cell, c] of Object.entries(file.cells) as Array<[string, Record<string, any>]>) {
      // the chosen dropout: the lowest mean over seeds of each trial's best validation bpc (history.csv's val_loss / ln 2)
      const meanBest: Record<string, number> = {};
      for (const d of tiny.dropouts) {
        const sweepDir = path.join(sweeps, fs.readdirSync(sweeps).find((n) => n.startsWith(`${cell}-u4-`))!);
        const trials = fs.readdirSync(path.join(sweepDir, "trials")).filter((n) => !n.startsWith("."));
        const best: number[] = [];
        for (const t of trials) {
          const config = JSON.parse(fs.readFileSync(path.join(sweepDir, "trials", t, RUN_FILES.config), "utf8"));
          if (config.dropout !== d) continue;
          best.push(Math.min(...(await readHistoryCsv(path.join(sweepDir, "trials", t, RUN_FILES.history))).map((r) => r.val_loss)) / Math.LN2);
        }
        assert.equal(best.length, 2);
        meanBest[String(d)] = (best[0] + best[1]) / 2;
        assert.ok(Math.abs(c.dropoutTrials[String(d)].meanBestValidationBpc - meanBest[String(d)]) < 1e-9);
      }
      assert.equal(c.chosenDropout, Number(Object.entries(meanBest).reduce((a, b) => (b[1] < a[1] ? b : a))[0]), cell);
      // test bpc per seed = the mean bits of its test-log2p file; the interval's estimate is their mean over seeds
      const dirs = c.trialDirs.map((d: string) => path.join(sweeps, d));
      const perSeed = dirs.map((d: string) => { const b = bitsOf(d); return b.reduce((s, v) => s + v, 0) / b.length; });
      perSeed.forEach((v: number, k: number) => assert.ok(Math.abs(v - c.testBpc.perSeed[k]) < 1e-4, `${cell} seed ${k + 1}`));
      assert.ok(Math.abs(c.testBpcInterval.estimate - c.testBpc.mean) < 1e-4);
      assert.ok(c.testBpcInterval.low <= c.testBpcInterval.estimate && c.testBpcInterval.estimate <= c.testBpcInterval.high);
      assert.deepEqual(c.saturation.map((g: { layer: string; gate: string }) => `${g.layer} ${g.gate}`),
        { gru: ["gru_1 z", "gru_1 r", "gru_2 z", "gru_2 r"], lstm: ["lstm_1 i", "lstm_1 f", "lstm_1 o", "lstm_2 i", "lstm_2 f", "lstm_2 o"], simpleRnn: [] }[cell]);
      for (const g of c.saturation) assert.equal(g.left.length, c.units);
    }
    assert.ok(Math.abs(file.differences["gru-lstm"].estimate - (file.cells.gru.testBpc.mean - file.cells.lstm.testBpc.mean)) < 1e-4, "paired difference = difference of the means");
    assert.deepEqual(file.ngram.rows.map((r: { order: number }) => r.order), [1, 3]);
    // The error analysis against the Kneser–Ney 6-gram: every test character but the first in one `all` bin; the bins'
    // mean gains, weighted by their sizes, give the n-gram's test bpc minus the cell's (log₂ p averaged over the seeds).
    const kn = file.errorAnalysis.ngram;
    assert.equal(kn.order, 6);
    for (const [cell, c] of Object.entries(file.cells) as Array<[string, Record<string, any>]>) {
      const bins = file.errorAnalysis.cells[cell].all as Array<{ characters: number; meanGain: number }>;
      const n = bins.reduce((s, b) => s + b.characters, 0);
      assert.equal(n, 6000 - 1);
      const gain = bins.reduce((s, b) => s + b.characters * b.meanGain, 0) / n;
      assert.ok(Math.abs(gain - (kn.testBpc - c.testBpc.mean)) < 1e-4, `${cell}: ${gain} vs ${kn.testBpc} − ${c.testBpc.mean}`);
      assert.ok(file.errorAnalysis.cells[cell].closing.length > 0);
    }
    assert.match(file.bootstrap.what, /blocks of 50 contiguous characters/);
    // The unit tests of seed 1 at the chosen dropout: the 4 code features over the trace's 200 characters, blocks of 50,
    // p = (1 + k) / (1 + 19 shuffles); the untrained network (the same shape and seed) is another network: other numbers.
    for (const [cell, c] of Object.entries(file.cells) as Array<[string, Record<string, any>]>) {
      const u = c.unitTests;
      assert.equal(u.trialDir, c.trialDirs[0], cell);
      assert.deepEqual([u.characters, u.block, u.shuffles], [200, 50, 19]);
      assert.deepEqual(u.rows.map((r: { feature: string }) => r.feature), ["braceDepth", "positionInLine", "insideString", "insideComment"]);
      const ps = u.rows.flatMap((r: any) => [r.trained.pValue, r.untrained.pValue]).filter((p: number | null) => p !== null);
      assert.ok(ps.length > 0, `${cell}: some feature varies over the traced text`);
      for (const p of ps) {
        assert.ok(p > 0 && p <= 1, `${cell}: p ${p}`);
        assert.ok(Math.abs(p * 20 - Math.round(p * 20)) < 1e-9, `${cell}: p ${p} is (1 + k) / 20`);
      }
      for (const r of u.rows) {
        for (const k of ["trained", "untrained"]) {
          assert.ok(r[k].layer.startsWith(cell === "simpleRnn" ? "simple_rnn" : cell), `${cell} ${r.feature} ${k}: layer ${r[k].layer}`);
          assert.ok(["accuracy", "R²"].includes(r.probe[k].metric));
        }
      }
      assert.ok(u.rows.some((r: any) => r.trained.r !== r.untrained.r || r.probe.trained.score !== r.probe.untrained.score), `${cell}: the untrained network's numbers differ from the trained one's`);
    }
    const unitFiles = fs.readdirSync(sweeps).filter((f) => f.startsWith("unit-tests-"));
    assert.equal(unitFiles.length, 3, unitFiles.join(", "));
    const unitTimes = () => unitFiles.map((f) => fs.statSync(path.join(sweeps, f)).mtimeMs);
    const unitBefore = unitTimes();
    // Again: every trial is read back (no epoch trained), the same numbers.
    const historyTimes = () => fs.readdirSync(sweeps).filter((n) => fs.statSync(path.join(sweeps, n)).isDirectory()).flatMap((s) => fs.readdirSync(path.join(sweeps, s, "trials")).filter((n) => !n.startsWith(".")).map((t) => fs.statSync(path.join(sweeps, s, "trials", t, RUN_FILES.history)).mtimeMs));
    const before = historyTimes();
    const again = await charLmStudy({ ...tiny, dir: sweeps, resultsDir: null, command: "test" }) as typeof file;
    assert.deepEqual(historyTimes(), before, "no trial trained again");
    assert.deepEqual(unitTimes(), unitBefore, "the unit tests are read back from their cache, not recomputed");
    // the same cells, each marked with the run that made it (read back, now this run)
    const withoutRun = (cells: Record<string, Record<string, unknown>>) => Object.fromEntries(Object.entries(cells).map(([k, { runDate, ...rest }]) => [k, rest]));
    assert.deepEqual(withoutRun(again.cells), withoutRun(file.cells));
    for (const c of Object.values(again.cells) as Array<{ runDate: string }>) assert.equal(c.runDate, again.date);
    // A larger bound: the GRU's trials continue from their checkpoints in the new sweep (3 epochs each), the old sweep stays.
    const more = await charLmStudy({ ...tiny, cells: ["gru"], maxEpochs: 3, dir: sweeps, resultsDir: null, command: "test" }) as typeof file;
    const e2 = fs.readdirSync(sweeps).find((n) => /^gru-u4-.*-e2$/.test(n))!;
    const e3 = fs.readdirSync(sweeps).find((n) => /^gru-u4-.*-e3$/.test(n))!;
    for (const [k, d] of more.cells.gru.trialDirs.entries()) {
      assert.ok(d.startsWith(e3), d);
      const rows = await readHistoryCsv(path.join(sweeps, d, RUN_FILES.history));
      const old = await readHistoryCsv(path.join(sweeps, d.replace(e3, e2), RUN_FILES.history));
      assert.deepEqual(rows.slice(0, old.length), old, "the first epochs are the old trial's (seconds too: continued, not trained again)");
      const stopped = readCheckpointState(path.join(sweeps, d), rows.length).stoppedEarly;
      assert.ok(rows.length === 3 || stopped, `seed ${k + 1}: ${rows.length} epochs, not stopped early`);
      assert.equal(more.cells.gru.epochs[k], rows.length);
    }
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test("the study refuses bad options before it trains, naming them", async () => {
  await assert.rejects(charLmStudy({ cells: ["rnn" as "gru"], resultsDir: null }), /charlm study option cells: "rnn", expected some of gru, lstm, simpleRnn/);
  await assert.rejects(charLmStudy({ dropouts: [1], resultsDir: null }), /charlm study option dropouts: 1, expected rates in \[0, 1\)/);
  await assert.rejects(charLmStudy({ maxEpochs: 0, resultsDir: null }), /charlm study option maxEpochs: 0, expected an integer ≥ 1/);
});

// A study in pieces: the tiny budget at 1 epoch, 2 seeds, one dropout.
const piece = { ...tiny, maxEpochs: 1, dropouts: [0], unitShuffles: 9 };
/** The results without what differs between two runs of the same trials: dates, commands, the runs' list, this run's part, wall and fit seconds, load. */
const strip = (v: unknown): unknown => Array.isArray(v) ? v.map(strip) : v !== null && typeof v === "object"
  ? Object.fromEntries(Object.entries(v).filter(([k]) => !["date", "command", "runDate", "runs", "thisRun", "wallSeconds", "loadAverageAtEnd", "workers", "fitSeconds", "seconds"].includes(k)).map(([k, x]) => [k, strip(x)]))
  : v;
const log2pOf = (file: string) => { const buf = fs.readFileSync(file); return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)); };

test("keepFrom: the study in two pieces (gru; then lstm and simpleRnn keeping it, in a fresh sweeps folder) writes what one run over the same trials writes; another budget or a kept cell without its test log₂ p is refused before anything runs", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-charlm-keep-"));
  try {
    const [A, B, C] = ["a", "b", "c"].map((d) => path.join(parent, "sweeps", d));
    const [R1, R2, R3] = ["r1", "r2", "r3"].map((d) => path.join(parent, d));
    const first = await charLmStudy({ ...piece, cells: ["gru"], dir: A, resultsDir: R1, command: "first" }) as Record<string, any>;
    assert.deepEqual(first.budget.runs, [{ date: first.date, command: "first" }]);
    assert.equal(first.cells.gru.runDate, first.date);
    // The companion file: the seeds' log₂ p (the trials' own traces) averaged, as float32, named with its size and hash.
    const gruFile = path.join(R1, "charlm-cells", "gru.log2p.f32");
    const seedsLog2p = first.cells.gru.trialDirs.map((d: string) => log2pOf(path.join(A, d, RUN_FILES.traces, TRACE_FILES.testLog2Probability)));
    const stored = log2pOf(gruFile);
    assert.equal(stored.length, 6000 - 1);
    assert.deepEqual(Array.from(stored), Array.from(seedsLog2p[0], (v: number, i: number) => Math.fround((v + seedsLog2p[1][i]) / 2)));
    assert.ok(stored.some((v, i) => v !== seedsLog2p[0][i]), "the two seeds differ: the file is their mean, not seed 1's");
    assert.deepEqual([first.cells.gru.testLog2p.file, first.cells.gru.testLog2p.characters, first.cells.gru.testLog2p.sha256],
      ["charlm-cells/gru.log2p.f32", 5999, crypto.createHash("sha256").update(fs.readFileSync(gruFile)).digest("hex")]);
    // Refused, naming the difference or the missing piece data, before any sweep of the second piece exists.
    const second = { ...piece, cells: ["lstm", "simpleRnn"] as Array<"lstm" | "simpleRnn">, dir: B, keepFrom: first, keepFromDir: R1, resultsDir: R2, command: "second" };
    await assert.rejects(charLmStudy({ ...second, patience: 2 }), /option keepFrom: the previous results' patience is 1, this run's 2: cells at another budget are not merged/);
    await assert.rejects(charLmStudy({ ...second, bootstrapResamples: 300 }), /the previous results' bootstrapResamples is 200, this run's 300/);
    await assert.rejects(charLmStudy({ ...second, maxChars: 5000 }), /the previous results' maxChars is 6000, this run's 5000/);
    await assert.rejects(charLmStudy({ ...second, kneserNeyOrder: 5 }), /the previous results' kneserNeyOrder is 6, this run's 5/);
    await assert.rejects(charLmStudy({ ...second, keepFrom: { ...first, cells: { gru: { ...first.cells.gru, testLog2p: undefined } } } }), /the kept cell gru has no piece data \(cells\.gru\.testLog2p/);
    await assert.rejects(charLmStudy({ ...second, keepFromDir: parent }), /the kept cell gru's test log₂ p, .*charlm-cells\/gru\.log2p\.f32, does not exist/);
    const tampered = path.join(parent, "tampered");
    fs.cpSync(R1, tampered, { recursive: true });
    const bytes = fs.readFileSync(path.join(tampered, "charlm-cells", "gru.log2p.f32"));
    bytes[100] ^= 1;
    fs.writeFileSync(path.join(tampered, "charlm-cells", "gru.log2p.f32"), bytes);
    await assert.rejects(charLmStudy({ ...second, keepFromDir: tampered }), /charlm-cells\/gru\.log2p\.f32 is not the test log₂ p the kept results name for gru/);
    assert.ok(!fs.existsSync(B), "refused before anything ran");
    const pieced = await charLmStudy(second) as Record<string, any>;
    assert.ok(!fs.readdirSync(B).some((n) => n.startsWith("gru-")), "the kept cell is not trained again");
    assert.deepEqual(Object.keys(pieced.cells), ["gru", "lstm", "simpleRnn"]);
    assert.deepEqual(pieced.cells.gru, first.cells.gru, "the kept cell as it was, marked with its run");
    assert.deepEqual([pieced.cells.lstm.runDate, pieced.cells.simpleRnn.runDate], [pieced.date, pieced.date]);
    assert.deepEqual(pieced.budget.runs, [{ date: first.date, command: "first" }, { date: pieced.date, command: "second", keptFrom: { date: first.date, command: "first", cells: ["gru"] } }]);
    assert.deepEqual(pieced.budget.sweeps.map((s: { name: string; runDate: string }) => [s.name.split("-")[0], s.runDate]), [["gru", first.date], ["lstm", pieced.date], ["simpleRnn", pieced.date]]);
    assert.deepEqual([pieced.budget.trials, pieced.budget.thisRun.trials, pieced.budget.cells, pieced.budget.thisRun.cells], [6, 4, ["gru", "lstm", "simpleRnn"], ["lstm", "simpleRnn"]]);
    assert.deepEqual(Object.keys(pieced.differences), ["gru-lstm", "gru-simpleRnn", "lstm-simpleRnn"]);
    assert.ok(Math.abs(pieced.differences["gru-lstm"].estimate - (pieced.cells.gru.testBpc.mean - pieced.cells.lstm.testBpc.mean)) < 1e-4, "the kept cell's bits enter the paired difference");
    assert.deepEqual(Object.keys(pieced.errorAnalysis.cells), ["gru", "lstm", "simpleRnn"]);
    assert.deepEqual(fs.readFileSync(path.join(R2, "charlm-cells", "gru.log2p.f32")), fs.readFileSync(gruFile), "the kept cell's file beside the new results");
    // One run of all three cells over the same trials (the two pieces' sweeps copied into a fresh folder: read back, nothing trained; the n-grams refitted):
    // every number the same, the same companion files.
    fs.mkdirSync(C, { recursive: true });
    for (const [from, prefix] of [[A, "gru-"], [B, "lstm-"], [B, "simpleRnn-"]]) {
      for (const n of fs.readdirSync(from).filter((x) => x.startsWith(prefix))) fs.cpSync(path.join(from, n), path.join(C, n), { recursive: true });
    }
    const histories = () => fs.readdirSync(C).filter((s) => fs.existsSync(path.join(C, s, "trials"))).flatMap((s) => fs.readdirSync(path.join(C, s, "trials")).filter((n) => !n.startsWith(".")).map((t) => fs.readFileSync(path.join(C, s, "trials", t, RUN_FILES.history), "utf8")));
    const before = histories();
    assert.equal(before.length, 6);
    const whole = await charLmStudy({ ...piece, dir: C, resultsDir: R3, command: "whole" }) as Record<string, any>;
    assert.deepEqual(histories(), before, "no trial trained again");
    assert.deepEqual(strip(pieced), strip(whole));
    assert.ok(whole.cells.gru.unitTests.rows.length > 0 && pieced.budget.epochsSpent === 6);
    for (const c of ["gru", "lstm", "simpleRnn"]) assert.deepEqual(fs.readFileSync(path.join(R2, "charlm-cells", `${c}.log2p.f32`)), fs.readFileSync(path.join(R3, "charlm-cells", `${c}.log2p.f32`)), c);
    // The figures of the merged file: every cell, kept ones included (the error analysis one line per cell).
    const figures = charLmStudyFigures(JSON.parse(fs.readFileSync(path.join(R2, "charlm.json"), "utf8")));
    assert.deepEqual(Object.keys(figures), ["testBpc", "saturationGru", "saturationLstm", "errorAnalysis"]);
    assert.deepEqual(figures.testBpc.data[0].x, charLmStudyFigures(whole).testBpc.data[0].x);
    assert.equal((figures.testBpc.data[0].x as string[]).length, 3);
    // A third piece trains (here: reads back) lstm again: it replaces the kept lstm; gru and simpleRnn stay with their runs.
    const third = await charLmStudy({ ...piece, cells: ["lstm"], dir: B, keepFrom: pieced, keepFromDir: R2, resultsDir: null, command: "third" }) as Record<string, any>;
    assert.deepEqual(["gru", "lstm", "simpleRnn"].map((c) => third.cells[c].runDate), [first.date, third.date, pieced.date]);
    assert.deepEqual(third.budget.runs.map((r: { command: string }) => r.command), ["first", "second", "third"]);
    assert.deepEqual(third.budget.runs[1].keptFrom.date, first.date, "each run carries what it kept");
    assert.deepEqual(strip(third), strip(whole));
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test("the study's memory bound counts its worker processes as the sweep's does: each worker a whole process running one cell's trials, the study's own process, workers beyond a sweep's trials at their smallest; with 0 one process running every cell", () => {
  const o = { ...CHARLM_STUDY_DEFAULTS, workers: 0 };
  // The trial's parts, independently: a GRU of twice the units over the whole corpus, one process, one kernel.
  const trialOnly = estimateJobMemory({ job: "t", cell: "gru", units: 2 * o.gruUnits, layers: o.layers, timesteps: o.timesteps, features: 1, outputs: 128, targets: o.timesteps, batchSize: o.batchSize, windows: 84_000, flags: {} });
  const trial = trialOnly.peak - JOB_OVERHEAD;
  const inProcess = estimateJobMemory(charLmStudyMemory(o));
  // --workers 0: every cell's fused kernel keeps its memory in the one process: besides the GRU's, per layer the LSTM's (4 gates of the GRU kernel's 3) and the SimpleRNN's (1 of 3).
  const g = trialOnly.kernelBytes / o.layers;
  assert.equal(inProcess.peak, trialOnly.peak + o.layers * (Math.ceil((g * 4) / 3) + Math.ceil(g / 3)));
  assert.equal(inProcess.processes, 1);
  assert.equal(estimateJobMemory(charLmStudyMemory({ ...o, cells: ["gru"] })).peak, trialOnly.peak, "one cell in this process: the trial's bound as before");
  // 2 workers (the default on 2 cores): each a whole process with one cell's kernel, and the study's own.
  const two = estimateJobMemory(charLmStudyMemory({ ...o, workers: 2 }));
  assert.equal(two.perProcess, WORKER_PROCESS + trial);
  assert.equal(two.peak, SWEEP_PROCESS + 2 * (WORKER_PROCESS + trial));
  assert.equal(two.processes, 2);
  assert.ok(two.peak > inProcess.peak, "two whole worker processes hold more than one process running the trials");
  // 16 workers, 2 dropouts × 3 seeds = 6 trials per cell's sweep: 10 never run one.
  assert.equal(estimateJobMemory(charLmStudyMemory({ ...o, workers: 16 })).peak, SWEEP_PROCESS + 6 * (WORKER_PROCESS + trial) + 10 * WORKER_PROCESS);
  assert.equal(estimateJobMemory(charLmStudyMemory({ ...o, workers: 16, dropouts: [0], seeds: 1 })).peak, SWEEP_PROCESS + (WORKER_PROCESS + trial) + 15 * WORKER_PROCESS);
});

test("the study's memory refusal holds the limit against all its workers and names --workers (≤ what fits, or 0), or --units; charLmStudy refuses before anything runs", async () => {
  const o = { ...CHARLM_STUDY_DEFAULTS, workers: 4 };
  const limit = Math.ceil(estimateJobMemory(charLmStudyMemory({ ...o, workers: 2 })).peak) + 1; // two workers fit, three do not
  assert.ok(estimateJobMemory(charLmStudyMemory({ ...o, workers: 3 })).peak > limit);
  checkJobMemory({ ...charLmStudyMemory({ ...o, workers: 2 }), memoryLimit: limit });
  assert.throws(() => checkJobMemory({ ...charLmStudyMemory(o), memoryLimit: limit }),
    /^Error: memory bound: charlm study with --units 128 --workers 4 \(timesteps 100, batchSize 64\) would need about [\d.]+ GiB \(4 worker processes of about [\d.]+ [MG]iB each and 32\.0 MiB for the sweep's own; [\d,]+ parameters; largest parts of a worker: .*\), over the memory limit .* Stopped before allocating anything: lower (.* or )?--workers ≤ 2\.$/);
  // One cell (its sweep alone): one worker process holds more than the trials in this process, so under a worker's share --workers 0 is what remains.
  const gru = { ...o, cells: ["gru" as const] };
  const tight = estimateJobMemory(charLmStudyMemory({ ...gru, workers: 0 })).peak + 1;
  assert.ok(tight < estimateJobMemory(charLmStudyMemory({ ...gru, workers: 1 })).peak);
  assert.throws(() => checkJobMemory({ ...charLmStudyMemory(gru), memoryLimit: tight }), /lower (.* or )?--workers to 0 \(the trials in this process\)\.$/);
  assert.throws(() => checkJobMemory({ ...charLmStudyMemory({ ...gru, workers: 0 }), memoryLimit: tight - 2 }), (err: Error) => {
    assert.match(err.message, /^memory bound: charlm study with --units 128 \(timesteps 100, batchSize 64\) would need about .*lower --units ≤ \d+/);
    assert.doesNotMatch(err.message, /--workers/);
    return true;
  });
  // The study passes its worker count: refused under the same limit before a folder is made.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-charlm-memory-"));
  const before = process.env.GRULAB_MEMORY_LIMIT;
  process.env.GRULAB_MEMORY_LIMIT = String(limit);
  try {
    await assert.rejects(charLmStudy({ workers: 4, dir: path.join(dir, "sweeps"), resultsDir: null, progress: "none" }), /memory bound: charlm study with --units 128 --workers 4 .*lower (.* or )?--workers ≤ 2\./);
  } finally {
    if (before === undefined) delete process.env.GRULAB_MEMORY_LIMIT;
    else process.env.GRULAB_MEMORY_LIMIT = before;
  }
  assert.ok(!fs.existsSync(path.join(dir, "sweeps")), "nothing was made");
});

test("with worker processes, the study's own process reads its networks (the unit tests) on the backend grulab chooses, not on tfjs's default cpu backend, and records it", () => {
  // A fresh process: in this one an earlier test may have chosen a backend already.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-charlm-backend-"));
  try {
    const bin = path.resolve(__dirname, "../../../bin/grulab.js");
    const args = [bin, "study", "charlm", "--seeds", "1", "--epochs", "1", "--units", "4", "--max-chars", "8000", "--dropouts", "0", "--cells", "gru", "--workers", "1",
      "--sweeps", path.join(dir, "sweeps"), "--results", dir, "--unit-chars", "300", "--unit-shuffles", "4"];
    let printed = "";
    try {
      // Without Chromium the figures are not drawn (exit 1 after the results are written).
      printed = execFileSync(process.execPath, args, { encoding: "utf8", stdio: "pipe", timeout: 240_000, env: { ...process.env, GRULAB_CHROMIUM: path.join(dir, "no-chromium") } });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; status?: number };
      printed = `${e.stdout ?? ""}\n${e.stderr ?? ""}`;
      assert.equal(e.status, 1, printed);
    }
    const r = JSON.parse(fs.readFileSync(path.join(dir, "charlm.json"), "utf8"));
    assert.ok(["wasm", "tensorflow"].includes(r.versions.backend), `versions.backend ${String(r.versions.backend)}`);
    assert.ok(r.cells.gru.unitTests.rows.length > 0, "the unit tests ran in the study's process");
    assert.doesNotMatch(printed, /looks like you are running TensorFlow\.js in Node\.js/, "tfjs's cpu backend started in the study's process");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
