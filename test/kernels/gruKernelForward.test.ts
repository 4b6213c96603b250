import { test } from "node:test";
import * as assert from "node:assert/strict";
import { gruKernelForward } from "../../src/kernels/gruKernelForward";
import { float64Gru } from "../support/float64Gru";
import { maxRelativeError, nested, randomGruArrays, type GruCase } from "../support/gruTestReferences";

const cases: GruCase[] = [
  { batch: 3, time: 5, inputDim: 1, units: 7, resetAfter: true, useBias: true },
  { batch: 3, time: 5, inputDim: 1, units: 7, resetAfter: false, useBias: true },
  { batch: 1, time: 1, inputDim: 3, units: 4, resetAfter: true, useBias: true },
  { batch: 1, time: 1, inputDim: 3, units: 4, resetAfter: false, useBias: false },
  { batch: 5, time: 4, inputDim: 8, units: 13, resetAfter: true, useBias: false },
  { batch: 6, time: 3, inputDim: 9, units: 33, resetAfter: false, useBias: true },
  { batch: 9, time: 6, inputDim: 8, units: 64, resetAfter: true, useBias: true },
  { batch: 2, time: 3, inputDim: 300, units: 3, resetAfter: false, useBias: true }, // D > one K block, H padded 3 → 4
  { batch: 2, time: 40, inputDim: 1, units: 1, resetAfter: true, useBias: true },
];

for (const c of cases) {
  const name = `B${c.batch} T${c.time} D${c.inputDim} H${c.units} resetAfter ${c.resetAfter} bias ${c.useBias}`;
  test(`fused forward matches the float64 Keras equations within 1e-5 relative (${name})`, () => {
    const a = randomGruArrays(c, c.batch * 1000 + c.units);
    const got = gruKernelForward(c, a, false);
    const H = c.units;
    const weights = {
      kernel: nested(a.kernel, [c.inputDim, 3 * H]), recurrentKernel: nested(a.recurrentKernel, [H, 3 * H]),
      bias: a.bias ? (c.resetAfter ? nested(a.bias, [2, 3 * H]) : nested(a.bias, [3 * H])) : null,
    };
    const ref = float64Gru(nested(a.x, [c.batch, c.time, c.inputDim]), weights, c.resetAfter, nested(a.h0, [c.batch, H]));
    const want = { h: ref.h.flat(2), z: ref.z.flat(2), r: ref.r.flat(2), hTilde: ref.hTilde.flat(2) };
    const errors = (["h", "z", "r", "hTilde"] as const).map((k) => [k, maxRelativeError(got[k], want[k])] as const);
    console.log(`  ${name}: ${errors.map(([k, e]) => `${k} ${e.toExponential(2)}`).join(", ")}`);
    for (const [k, e] of errors) assert.ok(e <= 1e-5, `${k}: max relative error ${e}`);
    assert.equal(got.state, null);
  });
}

test("fused forward rejects arrays of the wrong size, naming the input and the expected count", () => {
  const c = { batch: 2, time: 3, inputDim: 2, units: 4, resetAfter: true };
  const a = randomGruArrays({ ...c, useBias: true }, 1);
  assert.throws(() => gruKernelForward(c, { ...a, bias: new Float32Array(12) }, false), /input bias must be a Float32Array of 24 values/);
  assert.throws(() => gruKernelForward(c, { ...a, x: new Float32Array(5) }, false), /input x must be a Float32Array of 12 values/);
});
