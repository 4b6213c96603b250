// Gradients of L = Σ_q Σ out_q ⊙ weights_q (q among h, z, r, hTilde; missing names weigh 0) of the
// float64 GRU (test/support/float64Gru.ts) by central differences, in the order x, h0, kernel,
// recurrentKernel, bias: the oracle of the GRU kernel's backward with gate-output gradients.
// For tiny cases only (two forwards per number).
import { float64Gru } from "./float64Gru";
import { nested, type GruArrays, type GruCase } from "./gruTestReferences";

/**
 * Central-difference gradients of the weighted sum of the GRU's outputs.
 *
 * @example
 * const [dx, dh0, dKernel, dRecurrentKernel, dBias] = float64GruGradients(c, a, { h: dh, z: dz });
 */
export function float64GruGradients(c: GruCase, a: GruArrays, weights: Partial<Record<"h" | "z" | "r" | "hTilde", ArrayLike<number>>>): Float64Array[] {
  const H = c.units;
  const parts = [a.x, a.h0, a.kernel, a.recurrentKernel, ...(a.bias ? [a.bias] : [])].map((v) => Float64Array.from(v));
  const loss = () => {
    const [x, h0, kernel, rec, bias] = parts;
    const w = {
      kernel: nested(kernel, [c.inputDim, 3 * H]), recurrentKernel: nested(rec, [H, 3 * H]),
      bias: bias ? (c.resetAfter ? nested(bias, [2, 3 * H]) : nested(bias, [3 * H])) : null,
    };
    const out = float64Gru(nested(x, [c.batch, c.time, c.inputDim]), w, c.resetAfter, nested(h0, [c.batch, H]));
    let s = 0;
    for (const [q, wq] of Object.entries(weights)) {
      const values = out[q as keyof typeof out].flat(2);
      for (let i = 0; i < values.length; i++) s += values[i] * wq[i];
    }
    return s;
  };
  const eps = 1e-6;
  return parts.map((p) => Float64Array.from(p, (v, i) => {
    p[i] = v + eps;
    const up = loss();
    p[i] = v - eps;
    const down = loss();
    p[i] = v;
    return (up - down) / (2 * eps);
  }));
}
