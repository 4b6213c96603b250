// Run as a plain script (not under `node --test`) inside an emulated CPU by nativeKernel.test.ts:
// `qemu-x86_64 -cpu MODEL node emulatedCpuCheck.js`. qemu-user emulates only this process (a
// child process would run on the real CPU), so the checks run here: which build each kernel
// picked, the call structs' offsets, and a small parity subset (every cell, forward and BPTT,
// against the float64 oracles within 1e-5). Prints one JSON line; exits 1 on a failed check.
import { writeCallBlock } from "../../src/kernels/callBlock";
import { CALL_BLOCKS } from "../../src/kernels/callBlocks";
import { gruKernel } from "../../src/kernels/gruKernel";
import { gruKernelBackward } from "../../src/kernels/gruKernelBackward";
import { gruKernelForward } from "../../src/kernels/gruKernelForward";
import { cpuVariant, nativeKernelChoice } from "../../src/kernels/nativeKernel";
import { rnnKernelModule } from "../../src/kernels/rnnKernelModule";
import { float64Gru } from "../support/float64Gru";
import { finiteDifferenceGradients, maxRelativeError, nested, randomArray, randomGruArrays, randomSource, type GruCase } from "../support/gruTestReferences";
import { checkFusedCase } from "../support/rnnTestCases";

const worst: Record<string, number> = {};
const note = (name: string, e: number) => (worst[name] = Math.max(worst[name] ?? 0, e));

// GRU: outputs against float64Gru, gradients against central differences of it (both conventions).
for (const resetAfter of [true, false]) {
  const c: GruCase = { batch: 2, time: 3, inputDim: 2, units: 5, resetAfter, useBias: true };
  const a = randomGruArrays(c, 11);
  const dh = randomArray(c.batch * c.time * c.units, randomSource(12));
  const f = gruKernelForward(c, a, true);
  const H = c.units;
  const w = { kernel: nested(a.kernel, [c.inputDim, 3 * H]), recurrentKernel: nested(a.recurrentKernel, [H, 3 * H]),
    bias: resetAfter ? nested(a.bias!, [2, 3 * H]) : nested(a.bias!, [3 * H]) };
  const f64 = float64Gru(nested(a.x, [c.batch, c.time, c.inputDim]), w, resetAfter, nested(a.h0, [c.batch, H]));
  note("gru h", maxRelativeError(f.h, f64.h.flat(2)));
  const g = gruKernelBackward(f.state!, dh, null);
  const fd = finiteDifferenceGradients(c, a, dh);
  [g.dx, g.dh0, g.dKernel, g.dRecurrentKernel, g.dBias!].forEach((v, i) => note("gru gradients", maxRelativeError(v, fd[i])));
}
// LSTM and SimpleRNN: outputs and gradients against float64 (checkFusedCase asserts ≤ 1e-5 itself).
for (const cell of ["lstm", "simpleRnn"] as const) {
  for (const [name, e] of Object.entries(checkFusedCase({ cell, batch: 2, time: 3, inputDim: 2, units: 5, useBias: true }, 21, false))) note(`${cell} ${name}`, e);
}
// Every call block as the kernel in use reads it (test/kernels/callBlock.test.ts does this natively).
const k = gruKernel();
const echoOk = CALL_BLOCKS.every((block) => {
  const m = block.kernel === "gru" ? k : rnnKernelModule();
  const values = Object.fromEntries(block.fields.map((f, i) => [f, 1000 + 7 * i]));
  writeCallBlock(block, m.i32(), m.heapBase, values);
  (m.exports as unknown as Record<string, (a: number, b: number) => void>)[block.echo](m.heapBase, m.heapBase + block.bytes);
  return block.fields.every((f, i) => m.i32()[(m.heapBase + block.bytes) / 4 + i] === values[f]);
});
// A build above this CPU's level is refused, never loaded.
let refused = "";
process.env.GRULAB_KERNEL = "native-avx512";
try {
  nativeKernelChoice("gru");
} catch (e) {
  refused = (e as Error).message;
}
const ok = echoOk && Object.values(worst).every((e) => e <= 1e-5);
console.log(JSON.stringify({ cpu: cpuVariant(), flavours: [k.flavour, rnnKernelModule().flavour], echoOk, refused, worst }));
process.exit(ok ? 0 : 1);
