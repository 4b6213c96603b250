import { test } from "node:test";
import * as assert from "node:assert/strict";
import { kernelThreads, type KernelPhase, type SplitKernel } from "../../src/kernels/kernelThreads";
import { withThreads } from "../support/withThreads";

// A kernel that records its calls (its worker would never start: threadCount is not asked for 2 here).
function recordingKernel(): { kernel: SplitKernel; seen: string[] } {
  const seen: string[] = [];
  const phase = (name: KernelPhase) => (call: number) => { seen.push(`${name} ${call}`); };
  const kernel: SplitKernel = {
    exports: { forwardInput: phase("forwardInput"), forwardSteps: phase("forwardSteps"), backwardSteps: phase("backwardSteps"), backwardWeights: phase("backwardWeights") },
    memory: new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }),
    worker: { wasmModule: null, nativePath: null },
  };
  return { kernel, seen };
}

test("kernelThreads: one thread for batch 1, GRULAB_THREADS=1 or a small job; a bad GRULAB_THREADS is an error whatever the batch", () => {
  const { kernel } = recordingKernel();
  const threads = kernelThreads("test kernel", () => kernel);
  assert.equal(withThreads("2", () => threads.threadCount(1e12, 1)), 1);
  assert.equal(withThreads("1", () => threads.threadCount(1e12, 64)), 1);
  assert.equal(withThreads(undefined, () => threads.threadCount(1e3, 64)), 1);
  assert.equal(withThreads("", () => threads.threadCount(1e3, 64)), 1);
  for (const batch of [1, 64]) {
    assert.throws(() => withThreads("4", () => threads.threadCount(1e9, batch)), /^Error: GRULAB_THREADS: "4", expected 1 or 2$/);
  }
});

test("kernelThreads: without a worker every part of a phase runs here, in order", () => {
  const { kernel, seen } = recordingKernel();
  const threads = kernelThreads("test kernel", () => kernel);
  threads.runPhase("forwardSteps", [64]);
  threads.runPhase("backwardWeights", [128, 256]);
  assert.deepEqual(seen, ["forwardSteps 64", "backwardWeights 128", "backwardWeights 256"]);
});

test("kernelThreads: a bad GRULAB_WORKER_CPU is an error when the worker would start, naming the values it takes", () => {
  const { kernel } = recordingKernel();
  const threads = kernelThreads("test kernel", () => kernel);
  const before = process.env.GRULAB_WORKER_CPU;
  process.env.GRULAB_WORKER_CPU = "same";
  try {
    assert.throws(() => withThreads("2", () => threads.threadCount(1e9, 64)), /^Error: GRULAB_WORKER_CPU: "same", expected "other" \(the default\) or "any"$/);
  } finally {
    if (before === undefined) delete process.env.GRULAB_WORKER_CPU;
    else process.env.GRULAB_WORKER_CPU = before;
  }
});
