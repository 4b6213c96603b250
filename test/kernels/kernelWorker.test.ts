// kernelWorker.js, the worker thread of the two-thread split, driven here through its control
// block (KERNEL_CONTROL) directly: it instantiates the kernel on the shared memory, runs the named
// export with the posted arguments, reports failures, and skips a part the main thread claimed.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import { KERNEL_CONTROL as C } from "../../src/kernels/kernelControl";
import { instantiateWasmKernel } from "../../src/kernels/wasmKernel";
import type { RnnWasmExports } from "../../src/kernels/rnnWasm";

test("the worker runs posted calls on the shared memory, reports a trap as failed, and leaves a claimed part alone", async () => {
  const k = instantiateWasmKernel<RnnWasmExports>("rnn", "worker test");
  const control = new SharedArrayBuffer(C.size * 4);
  const ctrl = new Int32Array(control);
  const worker = new Worker(path.join(__dirname, "../../src/kernels/kernelWorker.js"), {
    workerData: { wasmModule: k.module, nativePath: null, memory: k.memory, control, names: ["toGateRows", "fromTimeMajor"], label: "worker test" },
  });
  try {
    const ready = Atomics.waitAsync(ctrl, C.ready, 0, 10_000);
    if (ready.async) await ready.value;
    assert.equal(Atomics.load(ctrl, C.ready), 1, "the worker says it is ready");
    let seq = 0;
    const post = async (command: number, args: number[], claimedByMain = false) => {
      seq++;
      const doneBefore = Atomics.load(ctrl, C.done);
      ctrl[C.command] = command;
      ctrl[C.argc] = args.length;
      ctrl.set(args, C.args);
      if (claimedByMain) Atomics.store(ctrl, C.claim, seq);
      Atomics.store(ctrl, C.request, seq);
      Atomics.notify(ctrl, C.request);
      if (claimedByMain) return;
      const done = Atomics.waitAsync(ctrl, C.done, doneBefore, 10_000);
      if (done.async) await done.value;
      assert.equal(Atomics.load(ctrl, C.done), seq);
    };
    // toGateRows(src, dst, b 2, t 1, h 3, stride 4) on values put here
    const [B, T, H, stride] = [2, 1, 3, 4];
    const src = k.heapBase, dst = src + 256;
    k.f32().set([1, 2, 3, 4, 5, 6], src / 4);
    k.f32().fill(-1, dst / 4, dst / 4 + B * stride);
    await post(0, [src, dst, B, T, H, stride]);
    assert.deepEqual(Array.from(k.f32().slice(dst / 4, dst / 4 + 8)), [1, 2, 3, -1, 4, 5, 6, -1]);
    assert.equal(ctrl[C.failed], 0);
    // a part the main thread claimed first is not run by the worker
    k.f32().fill(-1, dst / 4, dst / 4 + 8);
    await post(0, [src, dst, B, T, H, stride], true);
    // the next request runs (fromTimeMajor of the same rows), and the claimed one never did
    await post(1, [src, dst + 64, B, T, H, H]);
    assert.deepEqual(Array.from(k.f32().slice(dst / 4, dst / 4 + 8)), new Array(8).fill(-1));
    assert.deepEqual(Array.from(k.f32().slice(dst / 4 + 16, dst / 4 + 22)), [1, 2, 3, 4, 5, 6]);
    // a call that traps (an address past the memory) is reported through `failed`; the worker goes on
    await post(0, [src, 2 ** 31 - 64, B, T, H, stride]);
    assert.equal(ctrl[C.failed], 1);
    await post(0, [src, dst, B, T, H, stride]);
    assert.equal(ctrl[C.failed], 0);
  } finally {
    await worker.terminate();
  }
});
