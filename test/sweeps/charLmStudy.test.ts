import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RUN_FILES, TRACE_FILES } from "../../src/runs/runFormat";
import { readHistoryCsv } from "../../src/runs/historyCsv";
import { readCheckpointState } from "../../src/runs/checkpoint";
import { charLmStudy } from "../../src/sweeps/charLmStudy";

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
    assert.deepEqual(again.cells, file.cells);
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
