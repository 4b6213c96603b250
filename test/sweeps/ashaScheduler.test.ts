import { test } from "node:test";
import * as assert from "node:assert/strict";
import { AshaScheduler } from "../../src/sweeps/ashaScheduler";

test("AshaScheduler: rungs r·η^k up to R; new configs until a rung's top 1/η holds an unpromoted trial, then that promotion (highest rung first)", () => {
  const asha = new AshaScheduler(9, { maxEpochs: 9, minEpochs: 1, eta: 3, mode: "min" });
  assert.deepEqual(asha.rungs, [1, 3, 9]);
  // three new configs; none can be promoted while fewer than 3 completed at rung 0
  assert.deepEqual([asha.next(), asha.next()], [{ index: 0, rung: 0, epochs: 1 }, { index: 1, rung: 0, epochs: 1 }]);
  asha.report(0, 0, 0.5);
  asha.report(1, 0, 0.3);
  assert.deepEqual(asha.next(), { index: 2, rung: 0, epochs: 1 });
  asha.report(2, 0, 0.9);
  // 3 completed: top floor(3/3) = 1 → config 1 (lowest) is promoted to 3 epochs
  assert.deepEqual(asha.next(), { index: 1, rung: 1, epochs: 3 });
  assert.deepEqual(asha.next(), { index: 3, rung: 0, epochs: 1 }, "config 1 is promoted once");
  asha.report(1, 1, 0.2);
  asha.report(3, 0, 0.1);
  // rung 0 now 4 completed, top 1 = config 3 (0.1), not promoted yet; rung 1 has 1 (< 3): nothing there
  assert.deepEqual(asha.next(), { index: 3, rung: 1, epochs: 3 });
  // mode max ranks the other way; a failed (null) trial is never promoted
  const up = new AshaScheduler(4, { maxEpochs: 4, minEpochs: 1, eta: 2, mode: "max" });
  assert.deepEqual(up.rungs, [1, 2, 4]);
  up.next(); up.next();
  up.report(0, 0, null);
  up.report(1, 0, 0.7);
  assert.deepEqual(up.next(), { index: 1, rung: 1, epochs: 2 });
  assert.deepEqual(up.next(), { index: 2, rung: 0, epochs: 1 });
  assert.throws(() => new AshaScheduler(3, { maxEpochs: 0, mode: "min" }), /ASHA needs budget.epochs \(the top rung's epochs\) ≥ minEpochs 1, got 0/);
  assert.throws(() => new AshaScheduler(3, { maxEpochs: 9, eta: 1, mode: "min" }), /ASHA option eta must be > 1, got 1/);
});

test("AshaScheduler runs out: every config started and nothing promotable gives null", () => {
  const asha = new AshaScheduler(2, { maxEpochs: 2, minEpochs: 1, eta: 2, mode: "min" });
  asha.next(); asha.next();
  assert.equal(asha.next(), null);
  asha.report(0, 0, 0.4);
  assert.equal(asha.next(), null, "floor(1/2) = 0: one result promotes nobody");
  asha.report(1, 0, 0.6);
  assert.deepEqual(asha.next(), { index: 0, rung: 1, epochs: 2 });
  assert.equal(asha.next(), null);
});
