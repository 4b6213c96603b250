// Shared pieces of the fused kernel's tests: random cases (seeded), their tensors and nested
// arrays, and the parity measure. The references themselves are test/support/float64Gru.ts
// (float64, from the published equations) and referenceGruSequence (tf ops, autograd).
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { seededRandom } from "../../src/index";
import { type GruSequenceInputs } from "../../src/kernels/gruSequence";
import { float64Gru } from "./float64Gru";

/** Seeded uniform numbers in (−a, a). */
export function randomSource(seed: number): (a?: number) => number {
  const rand = seededRandom(seed);
  return (a = 1) => (rand() * 2 - 1) * a;
}

export function randomArray(n: number, rand: (a?: number) => number, a = 1): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rand(a);
  return out;
}

/** Largest |a−b| / max(1, |b|) over two arrays (the parity measure: ≤ 1e-5 passes). */
export function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return worst;
}

export interface GruCase {
  batch: number; time: number; inputDim: number; units: number; resetAfter: boolean; useBias: boolean;
}

export interface GruArrays {
  x: Float32Array; h0: Float32Array; kernel: Float32Array; recurrentKernel: Float32Array; bias: Float32Array | null;
}

export function randomGruArrays(c: GruCase, seed: number): GruArrays {
  const rand = randomSource(seed);
  const H = c.units;
  return {
    x: randomArray(c.batch * c.time * c.inputDim, rand, 1.5),
    h0: randomArray(c.batch * H, rand, 0.8),
    kernel: randomArray(c.inputDim * 3 * H, rand, 0.6),
    recurrentKernel: randomArray(H * 3 * H, rand, 1.2 / Math.sqrt(H)),
    bias: c.useBias ? randomArray((c.resetAfter ? 6 : 3) * H, rand, 0.5) : null,
  };
}

/** The inputs as the tensors referenceGruSequence takes (bias [3H] or [2, 3H]). */
export function gruTensors(c: GruCase, a: GruArrays): GruSequenceInputs {
  const H = c.units;
  return {
    x: tf.tensor3d(a.x, [c.batch, c.time, c.inputDim]), h0: tf.tensor2d(a.h0, [c.batch, H]),
    kernel: tf.tensor2d(a.kernel, [c.inputDim, 3 * H]), recurrentKernel: tf.tensor2d(a.recurrentKernel, [H, 3 * H]),
    bias: a.bias ? (c.resetAfter ? tf.tensor2d(a.bias, [2, 3 * H]) : tf.tensor1d(a.bias)) : null,
  };
}

/** Nested-array form of row-major data of the given shape (for test/support/float64Gru). */
export function nested(a: Float32Array | Float64Array, shape: number[]): any {
  if (shape.length === 1) return Array.from(a.subarray(0, shape[0]));
  const size = shape.slice(1).reduce((p, v) => p * v, 1);
  return Array.from({ length: shape[0] }, (_, i) => nested(a.subarray(i * size, (i + 1) * size), shape.slice(1)));
}

/**
 * Gradients of L = Σ h·dh by central differences on the float64 reference (test/support/float64Gru),
 * in the order x, h0, kernel, recurrentKernel, bias. For tiny cases only (one forward per number).
 * An oracle independent of tfjs's autograd (e.g. for the reference's T = 1 case, where tfjs 4.22
 * cannot differentiate tf.unstack over an axis of size 1, which the reference therefore avoids).
 */
export function finiteDifferenceGradients(c: GruCase, a: GruArrays, dh: Float32Array): Float64Array[] {
  return float64GruGradients(c, a, { h: dh });
}

/**
 * Gradients of L = Σ_q Σ out_q ⊙ weights_q (q among h, z, r, hTilde; missing names weigh 0) of the
 * float64 GRU by central differences, in the order x, h0, kernel, recurrentKernel, bias: the
 * oracle of the GRU kernel's backward with gate-output gradients. For tiny cases only.
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

/** Runs compiled test files of test/kernels/ in a fresh `node --test` with extra environment; returns its pass/fail counts. */
export function runTestsWith(files: string[], extraEnv: Record<string, string>): { pass: number; fail: number } {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  delete env.NODE_TEST_CONTEXT; // a nested runner must report as a top-level one
  const paths = files.map((f) => path.join(__dirname, "..", "kernels", f));
  const out = execFileSync(process.execPath, ["--test", "--test-reporter=tap", ...paths], { env, encoding: "utf8", stdio: "pipe" });
  return { pass: Number(/# pass (\d+)/.exec(out)?.[1]), fail: Number(/# fail (\d+)/.exec(out)?.[1]) };
}
