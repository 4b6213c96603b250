import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gruKernelBackward } from "../../src/kernels/gruKernelBackward";
import { gruKernelForward } from "../../src/kernels/gruKernelForward";
import { gruThreadCount, gruWorkerParts } from "../../src/kernels/gruThreads";
import { randomArray, randomGruArrays, randomSource, runTestsWith, type GruCase } from "../support/gruTestReferences";
import { withThreads } from "../support/withThreads";
import { allowedCpus, placementSkip, workerPlacement } from "../support/threadCpus";
import { gruKernel } from "../../src/kernels/gruKernel";
import type { NativeAddonBase } from "../../src/kernels/nativeKernel";

test("gruThreadCount: one thread for batch 1, GRULAB_THREADS=1, or small jobs; two when forced with batch ≥ 2", () => {
  assert.equal(withThreads("2", () => gruThreadCount(1e12, 1)), 1);
  assert.equal(withThreads("1", () => gruThreadCount(1e12, 64)), 1);
  assert.equal(withThreads("2", () => gruThreadCount(10, 2)), 2);
  assert.equal(withThreads(undefined, () => gruThreadCount(1e3, 64)), 1, "a tiny job stays on one thread by default");
  assert.throws(() => withThreads("3", () => gruThreadCount(1e9, 64)), /GRULAB_THREADS: "3", expected 1 or 2/);
});

for (const resetAfter of [true, false]) {
  test(`two threads (batch split) give bitwise the same outputs and gradients as one (resetAfter ${resetAfter}, odd batch and units)`, () => {
    const c: GruCase = { batch: 7, time: 5, inputDim: 3, units: 21, resetAfter, useBias: true };
    const a = randomGruArrays(c, 11);
    const dh = randomArray(c.batch * c.time * c.units, randomSource(12));
    const run = () => {
      const f = gruKernelForward(c, a, true);
      const g = gruKernelBackward(f.state!, dh, null);
      return [f.h, f.z, f.r, f.hTilde, g.dx, g.dh0, g.dKernel, g.dRecurrentKernel, g.dBias!];
    };
    const one = withThreads("1", run);
    const two = withThreads("2", run);
    one.forEach((v, i) => assert.deepEqual(two[i], v, `output ${i} differs between 1 and 2 threads`));
  });
}

test("two threads: the worker runs its part of back-to-back calls (the caller takes a part over only when the worker starts late)", () => {
  const c: GruCase = { batch: 32, time: 100, inputDim: 4, units: 64, resetAfter: true, useBias: true };
  const a = randomGruArrays(c, 5);
  const before = gruWorkerParts();
  const calls = 20; // forwardInput + forwardSteps each, 4 chunks per phase: 160 chunks for the two threads to claim
  withThreads("2", () => { for (let i = 0; i < calls; i++) gruKernelForward(c, a, false); });
  const ran = gruWorkerParts() - before;
  console.log(`  the worker ran ${ran} of ${8 * calls} chunks`);
  // at least one (not a share: under load the caller may rightly take most chunks over), never more than all
  assert.ok(ran >= 1 && ran <= 8 * calls, `the worker ran ${ran} of ${8 * calls} chunks`);
});

test("with GRULAB_THREADS=2 every fused parity test passes (forward, BPTT, the tf op)", () => {
  const { pass, fail } = runTestsWith(["gruKernelForward.test.js", "gruKernelBackward.test.js", "fusedGruSequence.test.js"], { GRULAB_THREADS: "2" });
  console.log(`  two threads: pass ${pass}, fail ${fail}`);
  assert.equal(fail, 0);
  assert.ok(Number(pass) >= 27);
});

// After an idle gap Linux woke the worker onto the caller's CPU and the two halves of each phase
// shared it for several steps (docs/speed.md, tenth round): the native worker keeps off the CPU
// the caller ran on when it last woke it.
test("two threads: the native worker (thread \"grulab-gru\") may run anywhere this process may, except on the caller's CPU", { skip: placementSkip(gruKernel().flavour) }, () => {
  const c: GruCase = { batch: 8, time: 4, inputDim: 3, units: 16, resetAfter: true, useBias: true };
  const a = randomGruArrays(c, 3);
  const cpus = allowedCpus("thread-self");
  const seen = workerPlacement(() => withThreads("2", () => gruKernelForward(c, a, false)), "grulab-gru",
    () => (gruKernel().exports as unknown as NativeAddonBase).threadCpu());
  assert.ok(cpus.includes(seen.caller), `threadCpu ${seen.caller} is one of this thread's CPUs (${cpus})`);
  assert.deepEqual(seen.worker, cpus.filter((k) => k !== seen.caller), `the worker's CPUs leave out the caller's (${seen.caller})`);
  assert.deepEqual(seen.callerCpus, cpus, "the caller's own CPUs are untouched");
});
