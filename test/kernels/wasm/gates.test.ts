// src/kernels/wasm/gates.ts (the element-wise work of one GRU step, forward and backward, both
// conventions) through gru.wasm's phases, against the float64 GRU (test/support/float64Gru.ts)
// and central differences of it (float64GruGradients).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gruKernelBackward } from "../../../src/kernels/gruKernelBackward";
import { gruKernelForward } from "../../../src/kernels/gruKernelForward";
import { float64Gru } from "../../support/float64Gru";
import { float64GruGradients, maxRelativeError, nested, randomArray, randomGruArrays, randomSource, type GruCase } from "../../support/gruTestReferences";

process.env.GRULAB_KERNEL = "wasm";
process.env.GRULAB_THREADS = "1";

for (const resetAfter of [true, false]) {
  const c: GruCase = { batch: 2, time: 2, inputDim: 2, units: 3, resetAfter, useBias: true }; // units padded 3 → 4
  const n = c.batch * c.time * c.units;
  const label = resetAfter ? "reset after (forwardAfter, backwardAfter)" : "reset before (forwardBefore*, backwardBefore*)";

  test(`GRU step, ${label}: z, r, h̃ and h of every step match float64 within 1e-5`, () => {
    const a = randomGruArrays(c, resetAfter ? 1 : 2);
    const got = gruKernelForward(c, a, false);
    const H = c.units;
    const ref = float64Gru(nested(a.x, [c.batch, c.time, c.inputDim]), {
      kernel: nested(a.kernel, [c.inputDim, 3 * H]), recurrentKernel: nested(a.recurrentKernel, [H, 3 * H]),
      bias: resetAfter ? nested(a.bias!, [2, 3 * H]) : nested(a.bias!, [3 * H]),
    }, resetAfter, nested(a.h0, [c.batch, H]));
    for (const q of ["h", "z", "r", "hTilde"] as const) assert.ok(maxRelativeError(got[q], ref[q].flat(2)) <= 1e-5, q);
  });

  test(`GRU step backward, ${label}: gradients of a loss through h, z, r and h̃ match central differences of float64 within 1e-5`, () => {
    const a = randomGruArrays(c, resetAfter ? 3 : 4);
    const rand = randomSource(resetAfter ? 30 : 40);
    const w = { h: randomArray(n, rand), z: randomArray(n, rand), r: randomArray(n, rand), hTilde: randomArray(n, rand) };
    const fwd = gruKernelForward(c, a, true);
    const got = gruKernelBackward(fwd.state!, w.h, { z: w.z, r: w.r, hTilde: w.hTilde });
    const want = float64GruGradients(c, a, w);
    (["dx", "dh0", "dKernel", "dRecurrentKernel", "dBias"] as const).forEach((name, i) => {
      const e = maxRelativeError(got[name]!, want[i]);
      assert.ok(e <= 1e-5, `${name}: ${e}`);
    });
  });

  test(`GRU step backward, ${label}: gradients below 1e-30 are flushed to 0, where float64 keeps them`, () => {
    const a = randomGruArrays(c, 5);
    const tiny = new Float32Array(n).fill(1e-33);
    const got = gruKernelBackward(gruKernelForward(c, a, true).state!, tiny, null);
    assert.ok(Math.max(...float64GruGradients(c, a, { h: tiny })[0].map(Math.abs)) > 1e-36, "the float64 gradient is not 0");
    for (const name of ["dx", "dh0", "dKernel", "dRecurrentKernel", "dBias"] as const) assert.ok(got[name]!.every((v) => v === 0), name);
  });
}
