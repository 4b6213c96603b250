// Independent references for the fused kernel's tests (not from the kernel's code):
// a float64 forward written from the Keras equations, a tf-ops forward whose gradients come from
// tfjs autograd, a seeded random source and the tolerance check used throughout.
import * as tf from "@tensorflow/tfjs";

/** mulberry32: a small seeded generator; uniform(-a, a). */
export function randomSource(seed: number): (a?: number) => number {
  let s = seed >>> 0;
  return (a = 1) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * a;
  };
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

/** Float64 forward of the Keras GRU equations; returns h, z, r, hTilde as [B, T, H] arrays. */
export function float64Gru(c: GruCase, a: GruArrays): { h: Float64Array; z: Float64Array; r: Float64Array; hTilde: Float64Array } {
  const { batch: B, time: T, inputDim: D, units: H } = c;
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const out = { h: new Float64Array(B * T * H), z: new Float64Array(B * T * H), r: new Float64Array(B * T * H), hTilde: new Float64Array(B * T * H) };
  const bIn = (j: number) => (a.bias ? a.bias[j] : 0);
  const bRec = (j: number) => (a.bias && c.resetAfter ? a.bias[3 * H + j] : 0);
  for (let b = 0; b < B; b++) {
    let h = Array.from(a.h0.subarray(b * H, b * H + H), Number);
    for (let t = 0; t < T; t++) {
      const x = a.x.subarray((b * T + t) * D, (b * T + t) * D + D);
      const xw = (j: number) => { let s = bIn(j); for (let d = 0; d < D; d++) s += x[d] * a.kernel[d * 3 * H + j]; return s; };
      const hu = (v: number[], j: number) => { let s = bRec(j); for (let k = 0; k < H; k++) s += v[k] * a.recurrentKernel[k * 3 * H + j]; return s; };
      const z = h.map((_, j) => sig(xw(j) + hu(h, j)));
      const r = h.map((_, j) => sig(xw(H + j) + hu(h, H + j)));
      const rh = h.map((v, j) => r[j] * v);
      const n = h.map((_, j) => Math.tanh(xw(2 * H + j) + (c.resetAfter ? r[j] * hu(h, 2 * H + j) : hu(rh, 2 * H + j))));
      h = h.map((v, j) => z[j] * v + (1 - z[j]) * n[j]);
      const o = (b * T + t) * H;
      for (let j = 0; j < H; j++) { out.h[o + j] = h[j]; out.z[o + j] = z[j]; out.r[o + j] = r[j]; out.hTilde[o + j] = n[j]; }
    }
  }
  return out;
}

/** The same equations in tf ops, step by step (gradients by tfjs autograd); tensors [B, T, H]. */
export function tfOpsGru(c: GruCase, x: tf.Tensor3D, h0: tf.Tensor2D, kernel: tf.Tensor2D, rec: tf.Tensor2D,
                         bias: tf.Tensor | null): { h: tf.Tensor3D; z: tf.Tensor3D; r: tf.Tensor3D; hTilde: tf.Tensor3D } {
  const H = c.units;
  const cols = (m: tf.Tensor2D, q: number) => m.slice([0, q * H], [-1, H]);
  const bIn = bias ? (c.resetAfter ? bias.slice([0, 0], [1, 3 * H]).reshape([3 * H]) : bias) : tf.zeros([3 * H]);
  const bRec = bias && c.resetAfter ? bias.slice([1, 0], [1, 3 * H]).reshape([3 * H]) : tf.zeros([3 * H]);
  const part = (v: tf.Tensor, q: number) => v.slice([q * H], [H]);
  let h: tf.Tensor2D = h0;
  const hs: tf.Tensor2D[] = [], zs: tf.Tensor2D[] = [], rs: tf.Tensor2D[] = [], ns: tf.Tensor2D[] = [];
  for (let t = 0; t < c.time; t++) {
    const xt = x.slice([0, t, 0], [-1, 1, -1]).reshape([c.batch, c.inputDim]) as tf.Tensor2D;
    const z = tf.sigmoid(tf.matMul(xt, cols(kernel, 0)).add(part(bIn, 0)).add(tf.matMul(h, cols(rec, 0))).add(part(bRec, 0))) as tf.Tensor2D;
    const r = tf.sigmoid(tf.matMul(xt, cols(kernel, 1)).add(part(bIn, 1)).add(tf.matMul(h, cols(rec, 1))).add(part(bRec, 1))) as tf.Tensor2D;
    const recH = c.resetAfter ? r.mul(tf.matMul(h, cols(rec, 2)).add(part(bRec, 2))) : tf.matMul(r.mul(h), cols(rec, 2));
    const n = tf.tanh(tf.matMul(xt, cols(kernel, 2)).add(part(bIn, 2)).add(recH)) as tf.Tensor2D;
    h = z.mul(h).add(tf.scalar(1).sub(z).mul(n)) as tf.Tensor2D;
    hs.push(h); zs.push(z); rs.push(r); ns.push(n);
  }
  return { h: tf.stack(hs, 1) as tf.Tensor3D, z: tf.stack(zs, 1) as tf.Tensor3D, r: tf.stack(rs, 1) as tf.Tensor3D, hTilde: tf.stack(ns, 1) as tf.Tensor3D };
}
