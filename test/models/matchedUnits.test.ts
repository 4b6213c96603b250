import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { gru, initBackend, lstm, simpleRnn } from "../../src/index";
import { matchedUnits, recurrentParamCount, type RecurrentCell } from "../../src/studies/index";

before(() => initBackend("cpu"));

// Trainable parameters of a one-layer model, as tfjs counts them.
function counted(cell: RecurrentCell, units: number, inputDim: number, options: { useBias?: boolean; resetAfter?: boolean } = {}): number {
  const layer = cell === "gru" ? gru({ units, inputShape: [5, inputDim], ...options })
    : cell === "lstm" ? lstm({ units, inputShape: [5, inputDim], useBias: options.useBias }) : simpleRnn({ units, inputShape: [5, inputDim], useBias: options.useBias });
  const model = tf.sequential({ layers: [layer] });
  const n = model.countParams();
  model.dispose();
  return n;
}

test("recurrentParamCount equals model.countParams() for every cell, with and without bias, both GRU conventions", () => {
  for (const cell of ["gru", "lstm", "simpleRnn"] as RecurrentCell[]) {
    for (const [units, inputDim] of [[1, 1], [7, 3], [33, 8], [128, 8]]) {
      for (const useBias of [true, false]) {
        assert.equal(recurrentParamCount(cell, units, inputDim, { useBias }), counted(cell, units, inputDim, { useBias }), `${cell} ${units} ${inputDim} bias ${useBias}`);
      }
    }
  }
  assert.equal(recurrentParamCount("gru", 16, 4, { resetAfter: false }), counted("gru", 16, 4, { resetAfter: false }));
});

test("matchedUnits gives the units whose parameter count (model.countParams()) is closest to the target", () => {
  const target = counted("gru", 128, 8); // the tutorial's GRU: 52,992 parameters
  for (const cell of ["gru", "lstm", "simpleRnn"] as RecurrentCell[]) {
    const units = matchedUnits(cell, target, 8);
    const gap = Math.abs(counted(cell, units, 8) - target);
    // no other size comes closer (its neighbours are the only candidates: the count grows with units)
    for (const other of [units - 1, units + 1].filter((u) => u >= 1)) assert.ok(gap <= Math.abs(counted(cell, other, 8) - target), `${cell}: ${units} vs ${other}`);
    console.log(`  ${cell}: ${units} units → ${counted(cell, units, 8)} parameters (target ${target})`);
  }
  assert.equal(matchedUnits("gru", target, 8), 128);
  assert.equal(matchedUnits("lstm", target, 8), 111);
  assert.equal(matchedUnits("simpleRnn", 1, 8), 1, "at least one unit");
  assert.throws(() => matchedUnits("lstm", -5, 8), /matchedUnits: targetParams -5, expected a positive number/);
  assert.throws(() => matchedUnits("lstm", 100, 0), /matchedUnits: inputDim 0/);
  assert.throws(() => recurrentParamCount("rnn" as never, 4, 4), /cell "rnn", expected one of gru, lstm, simpleRnn/);
});
