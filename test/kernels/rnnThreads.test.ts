import { test } from "node:test";
import * as assert from "node:assert/strict";
import { rnnKernelBackward, rnnKernelForward } from "../../src/kernels/rnnKernel";
import { rnnKernelModule } from "../../src/kernels/rnnKernelModule";
import { rnnThreadCount, rnnWorkerParts } from "../../src/kernels/rnnThreads";
import type { Cell } from "../support/float64Cells";
import { randomArray, randomSource, runTestsWith } from "../support/gruTestReferences";
import { randomCellArrays } from "../support/rnnTestCases";
import { withThreads } from "../support/withThreads";
import { allowedCpus, placementSkip, workerPlacement } from "../support/threadCpus";
import type { NativeAddonBase } from "../../src/kernels/nativeKernel";

test("rnnThreadCount: one thread for batch 1, GRULAB_THREADS=1 or small jobs; two when forced with batch ≥ 2; a bad value names the variable", () => {
  assert.equal(withThreads("2", () => rnnThreadCount(1e12, 1)), 1);
  assert.equal(withThreads("1", () => rnnThreadCount(1e12, 64)), 1);
  assert.equal(withThreads("2", () => rnnThreadCount(10, 2)), 2);
  assert.equal(withThreads(undefined, () => rnnThreadCount(1e3, 64)), 1, "a tiny job stays on one thread by default");
  assert.throws(() => withThreads("3", () => rnnThreadCount(1e9, 64)), /GRULAB_THREADS: "3", expected 1 or 2/);
});

for (const cell of ["lstm", "simpleRnn"] as Cell[]) {
  test(`${cell}: two threads (batch split) give bitwise the same outputs and gradients as one (odd batch and units)`, () => {
    const k = { cell, batch: 7, time: 5, inputDim: 3, units: 21, useBias: true };
    const a = randomCellArrays(k, 11);
    const rand = randomSource(12);
    const n = k.batch * k.time * k.units;
    const grads = { h: randomArray(n, rand), c: cell === "lstm" ? randomArray(n, rand) : null,
      gates: cell === "lstm" ? [0, 1, 2, 3].map(() => randomArray(n, rand)) : null };
    const run = () => {
      const f = rnnKernelForward(k, a, true);
      const g = rnnKernelBackward(f.state!, grads);
      return [f.h, ...(f.c ? [f.c] : []), ...f.gates, g.dx, g.dh0, ...(g.dc0 ? [g.dc0] : []), g.dKernel, g.dRecurrentKernel, g.dBias!];
    };
    const one = withThreads("1", run);
    const two = withThreads("2", run);
    one.forEach((v, i) => assert.deepEqual(two[i], v, `output ${i} differs between 1 and 2 threads`));
  });
}

test("two threads: the worker (on the kernel in use, native or WebAssembly) runs its part of back-to-back calls", () => {
  const k = { cell: "lstm" as Cell, batch: 32, time: 60, inputDim: 4, units: 64, useBias: true };
  const a = randomCellArrays(k, 5);
  const before = rnnWorkerParts();
  const calls = 20; // forwardInput + forwardSteps each: 40 parts for the worker to claim
  withThreads("2", () => { for (let i = 0; i < calls; i++) rnnKernelForward(k, a, false); });
  const ran = rnnWorkerParts() - before;
  console.log(`  ${rnnKernelModule().flavour}: the worker ran ${ran} of ${2 * calls} parts`);
  // at least one (not a share: under load the caller may rightly take most parts over)
  assert.ok(ran >= 1, `the worker ran none of ${2 * calls} parts: the split never reaches it`);
});

for (const threads of ["1", "2"]) {
  test(`with GRULAB_THREADS=${threads} every fused LSTM and SimpleRNN parity test passes`, () => {
    const { pass, fail } = runTestsWith(["fusedLstmSequence.test.js", "fusedSimpleRnnSequence.test.js"], { GRULAB_THREADS: threads });
    console.log(`  ${threads} thread(s): pass ${pass}, fail ${fail}`);
    assert.equal(fail, 0);
    assert.ok(pass >= 30);
  });
}

test("two threads: the native LSTM/SimpleRNN worker (thread \"grulab-rnn\") keeps off the caller's CPU too", { skip: placementSkip(rnnKernelModule().flavour) }, () => {
  const k = { cell: "lstm" as Cell, batch: 8, time: 4, inputDim: 3, units: 16, useBias: true };
  const a = randomCellArrays(k, 3);
  const cpus = allowedCpus("thread-self");
  const seen = workerPlacement(() => withThreads("2", () => rnnKernelForward(k, a, false)), "grulab-rnn",
    () => (rnnKernelModule().exports as unknown as NativeAddonBase).threadCpu());
  assert.deepEqual(seen.worker, cpus.filter((c) => c !== seen.caller), `the worker's CPUs leave out the caller's (${seen.caller})`);
  assert.deepEqual(seen.callerCpus, cpus, "the caller's own CPUs are untouched");
});
