// A float64 GRU written from the published equations, independent of src/ (test oracle).
// Keras layout: kernel [D][3H], recurrentKernel [H][3H], gate blocks z | r | h (columns 0..H-1, H..2H-1, 2H..3H-1).
//   z = σ(x W_z + h U_z + b_z), r = σ(x W_r + h U_r + b_r)
//   resetAfter false (Cho et al. 2014): h̃ = tanh(x W_h + b_h + (r ⊙ h) U_h)
//   resetAfter true (Keras 2+, cuDNN): bias [2][3H] = [input bias, recurrent bias];
//     h̃ = tanh(x W_h + b^in_h + r ⊙ (h U_h + b^rec_h)), gates get both biases
//   h' = z ⊙ h + (1 − z) ⊙ h̃   (Keras; Cho et al. swap z and 1 − z)

export interface Float64GruWeights {
  kernel: number[][];
  recurrentKernel: number[][];
  bias: number[] | number[][] | null;
}

export interface Float64GruResult {
  h: number[][][];
  z: number[][][];
  r: number[][][];
  hTilde: number[][][];
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * Runs x [B][T][D] forward in time from h0 [B][H] (zeros by default). `recurrentMask` [B][H]
 * multiplies h_{t−1} at every step before the cell uses it anywhere (Keras's recurrent dropout).
 */
export function float64Gru(x: number[][][], w: Float64GruWeights, resetAfter: boolean, h0?: number[][], recurrentMask?: number[][]): Float64GruResult {
  const H = w.recurrentKernel.length;
  const D = w.kernel.length;
  const bIn = w.bias === null ? new Array(3 * H).fill(0) : resetAfter ? (w.bias as number[][])[0] : (w.bias as number[]);
  const bRec = w.bias !== null && resetAfter ? (w.bias as number[][])[1] : new Array(3 * H).fill(0);
  const out: Float64GruResult = { h: [], z: [], r: [], hTilde: [] };
  for (let b = 0; b < x.length; b++) {
    let h = h0 ? h0[b].slice() : new Array(H).fill(0);
    const rows = { h: [] as number[][], z: [] as number[][], r: [] as number[][], hTilde: [] as number[][] };
    for (let t = 0; t < x[b].length; t++) {
      const xt = x[b][t];
      if (recurrentMask) h = h.map((v, k) => v * recurrentMask[b][k]);
      const xProj = (col: number) => { let s = bIn[col]; for (let d = 0; d < D; d++) s += xt[d] * w.kernel[d][col]; return s; };
      const hProj = (v: number[], col: number) => { let s = 0; for (let k = 0; k < H; k++) s += v[k] * w.recurrentKernel[k][col]; return s; };
      const z = new Array(H), r = new Array(H), hTilde = new Array(H), hNew = new Array(H);
      for (let j = 0; j < H; j++) {
        z[j] = sigmoid(xProj(j) + hProj(h, j) + bRec[j]);
        r[j] = sigmoid(xProj(H + j) + hProj(h, H + j) + bRec[H + j]);
      }
      const rh = h.map((v, k) => r[k] * v);
      for (let j = 0; j < H; j++) {
        const col = 2 * H + j;
        hTilde[j] = resetAfter ? Math.tanh(xProj(col) + r[j] * (hProj(h, col) + bRec[col])) : Math.tanh(xProj(col) + hProj(rh, col));
        hNew[j] = z[j] * h[j] + (1 - z[j]) * hTilde[j];
      }
      h = hNew;
      rows.h.push(hNew); rows.z.push(z); rows.r.push(r); rows.hTilde.push(hTilde);
    }
    out.h.push(rows.h); out.z.push(rows.z); out.r.push(rows.r); out.hTilde.push(rows.hTilde);
  }
  return out;
}

/** Deterministic pseudo-random numbers in [-scale, scale] (a small LCG), as nested arrays of `shape`. */
export function seededArray(shape: number[], seed: number, scale = 1): any {
  let state = seed >>> 0;
  const next = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return (state / 2 ** 32) * 2 * scale - scale; };
  const build = (dims: number[]): any => (dims.length === 1 ? Array.from({ length: dims[0] }, next) : Array.from({ length: dims[0] }, () => build(dims.slice(1))));
  return build(shape);
}

/** Max |a − b| over two nested arrays (or flat typed arrays) of equal shape. */
export function maxAbsDiff(a: any, b: any): number {
  const fa = [a].flat(Infinity as 1) as number[];
  const fb = [b].flat(Infinity as 1) as number[];
  const xa = ArrayBuffer.isView(a) ? Array.from(a as Float32Array) : fa;
  const xb = ArrayBuffer.isView(b) ? Array.from(b as Float32Array) : fb;
  if (xa.length !== xb.length) throw new Error(`maxAbsDiff: lengths ${xa.length} vs ${xb.length}`);
  let m = 0;
  for (let i = 0; i < xa.length; i++) m = Math.max(m, Math.abs(xa[i] - xb[i]));
  return m;
}
