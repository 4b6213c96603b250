import { test } from "node:test";
import * as assert from "node:assert/strict";
import { charLmStudyFigures } from "../../src/charts/charLmStudyFigures";

const bin = (label: string, from: number | null, meanGain: number) => ({ label, from, to: from, characters: 10, meanGain, low: meanGain - 0.1, high: meanGain + 0.2, modelBits: 1, ngramBits: 1 + meanGain });
const results = {
  budget: { gruUnits: 8, layers: 2, maxEpochs: 3, characters: { train: 5000, test: 1000 } },
  cells: {
    gru: { units: 8, params: 100, chosenDropout: 0, testBpc: { mean: 3, perSeed: [2.9, 3.1] }, testBpcInterval: { low: 2.8, high: 3.3 },
      saturation: [{ layer: "gru_1", gate: "z", left: [0.5, 0.1], right: [0.2, 0.3] }, { layer: "gru_1", gate: "r", left: [0, 0], right: [1, 0.4] }] },
    simpleRnn: { units: 15, params: 99, chosenDropout: 0.25, testBpc: { mean: 3.5, perSeed: [3.5] }, testBpcInterval: { low: 3.4, high: 3.7 }, saturation: [] },
  },
  ngram: { rows: [{ name: "trigram", testBpc: 3.2 }, { name: "5-gram", testBpc: 3.4 }], strongestByValidation: { name: "trigram", testBpc: 3.2 } },
  errorAnalysis: { ngram: { name: "20-gram (interpolated modified Kneser–Ney)", testBpc: 3.3 }, cells: { gru: { closing: [bin("1", 1, 0.5), bin("unmatched", null, -0.2)], all: [] }, simpleRnn: { closing: [bin("1", 1, 0.1)], all: [] } } },
};

test("charLmStudyFigures: test bpc bars with the bootstrap interval, seeds as points, n-gram lines; saturation only for cells with gates; the error analysis per cell", () => {
  const figs = charLmStudyFigures(results);
  assert.deepEqual(Object.keys(figs), ["testBpc", "saturationGru", "errorAnalysis"]);
  const [bars, seeds, ...lines] = figs.testBpc.data as Array<Record<string, any>>;
  assert.deepEqual(bars.x, ["GRU 2×8", "SimpleRNN 2×15"]);
  assert.deepEqual(bars.y, [3, 3.5]);
  assert.deepEqual(bars.error_y.array.map((v: number) => +v.toFixed(9)), [0.3, 0.2]);
  assert.deepEqual(bars.error_y.arrayminus.map((v: number) => +v.toFixed(9)), [0.2, 0.1]);
  assert.deepEqual(seeds.y, [2.9, 3.1, 3.5]);
  assert.deepEqual(seeds.x, ["GRU 2×8", "GRU 2×8", "SimpleRNN 2×15"]);
  assert.deepEqual(lines.map((l) => [l.name, l.y[0], l.line.dash]), [["trigram: 3.200", 3.2, "solid"], ["5-gram: 3.400", 3.4, "dot"], ["20-gram (interpolated modified Kneser–Ney): 3.300", 3.3, "dashdot"]]);
  // saturation: x = right-saturated, y = left-saturated, per gate panel, from the per-unit fractions
  const sat = figs.saturationGru.data as Array<Record<string, any>>;
  assert.deepEqual(sat.map((t) => [t.x, t.y]), [[[0.2, 0.3], [0.5, 0.1]], [[1, 0.4], [0, 0]]]);
  const ea = figs.errorAnalysis.data as Array<Record<string, any>>;
  assert.deepEqual(ea.slice(0, 2).map((t) => [t.name, t.x, t.y]), [["GRU 2×8: closing brackets and quotes", ["1", "unmatched", "unmatched"], [0.5, null, -0.2]], ["SimpleRNN 2×15: closing brackets and quotes", ["1"], [0.1]]]); // a null point keeps the line from joining the no-opener bin
  assert.ok(!("errorAnalysis" in charLmStudyFigures({ ...results, errorAnalysis: null })));
  assert.throws(() => charLmStudyFigures({}), { message: "charLmStudyFigures: expected the contents of results/charlm.json (budget, cells, ngram)" });
});
