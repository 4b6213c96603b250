// The worker thread of a fused kernel (the GRU's or the LSTM/SimpleRNN's, started by
// src/kernels/kernelThreads.ts): instantiates
// the WebAssembly kernel on the shared memory (or loads the native addon and points it there),
// then runs one export call per request it claims (the main thread runs the part itself when
// this thread starts late). Requests and replies go through a shared Int32Array (KERNEL_CONTROL
// slots) with Atomics.wait/notify.
import { workerData } from "worker_threads";
import { KERNEL_CONTROL as C } from "./kernelControl";
import * as path from "path";
import { loadNativeKernel } from "./nativeKernel";

// (not `module`: a top-level binding of that name is a CommonJS syntax error)
const { wasmModule, nativePath, memory, control, names, label, keepOffCaller = true } = workerData as {
  wasmModule: WebAssembly.Module | null; nativePath: string | null; memory: WebAssembly.Memory; control: SharedArrayBuffer; names: string[];
  label: string; keepOffCaller?: boolean;
};
const ctrl = new Int32Array(control);
const addon = nativePath ? loadNativeKernel(nativePath, memory) : null;
const calls = (addon
  ?? new WebAssembly.Instance(wasmModule!, { env: { memory, abort: () => { throw new Error(`${label}: WebAssembly abort`); } } }).exports
) as unknown as Record<string, (...args: number[]) => void>;
// "grulab-gru" / "grulab-rnn" in `top -H` (the addon's file is gru-<variant>.node or rnn-<variant>.node)
addon?.nameThread(`grulab-${path.basename(nativePath!).split("-")[0]}`);
Atomics.store(ctrl, C.ready, 1);
Atomics.notify(ctrl, C.ready);
let seen = 0;
let keptOff = -1;
for (;;) {
  Atomics.wait(ctrl, C.request, seen);
  // Off the main thread's CPU (native only: the wasm build cannot set a thread's CPUs): after an
  // idle gap Linux woke this thread onto the caller's CPU, and the two shared it for several steps.
  const mainCpu = Atomics.load(ctrl, C.mainCpu);
  if (addon && keepOffCaller && mainCpu !== keptOff) {
    addon.keepOffCpu(mainCpu);
    keptOff = mainCpu;
  }
  if (Atomics.load(ctrl, C.request) === seen) continue; // woken without a request (kernelThreads' early wake)
  seen = Atomics.load(ctrl, C.request);
  if (ctrl[C.chunks] > 0) {
    runChunks(seen);
    continue;
  }
  // Claim the part; if the main thread took it (this thread woke late), there is nothing to do.
  if (Atomics.compareExchange(ctrl, C.claim, seen - 1, seen) !== seen - 1) continue;
  try {
    const argc = ctrl[C.argc];
    calls[names[ctrl[C.command]]](...Array.from(ctrl.subarray(C.args, C.args + argc)));
    ctrl[C.failed] = 0;
  } catch {
    ctrl[C.failed] = 1;
  }
  Atomics.store(ctrl, C.done, seen);
  Atomics.notify(ctrl, C.done);
}

// A chunked request: claim chunks (tagged with the request, so none of a later request's) until
// none is left, each run on this thread's call block with its `part` set to the chunk.
function runChunks(request: number): void {
  const n = ctrl[C.chunks], call = ctrl[C.args], run = calls[names[ctrl[C.command]]];
  const tag = (request & 0x7fffff) << 8;
  for (;;) {
    const next = Atomics.load(ctrl, C.nextChunk);
    if ((next & ~0xff) !== tag || (next & 0xff) >= n) return;
    if (Atomics.compareExchange(ctrl, C.nextChunk, next, next + 1) !== next) continue;
    new Int32Array(memory.buffer)[ctrl[C.partAt]] = next & 0xff;
    try {
      run(call);
    } catch {
      ctrl[C.failed] = 1;
    }
    Atomics.add(ctrl, C.workerChunks, 1);
    if (Atomics.add(ctrl, C.finishedChunks, 1) + 1 === n) Atomics.notify(ctrl, C.finishedChunks);
  }
}
