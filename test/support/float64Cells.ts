// Float64 LSTM and SimpleRNN, forward and backward (BPTT), written from the published equations
// on flat arrays, independent of src/ (the test oracle of the fused kernel and the layers).
// Keras layout: kernel [D][G·H], recurrentKernel [H][G·H], bias [G·H], row-major; LSTM gate
// blocks i | f | c | o (G = 4), SimpleRNN G = 1. x [B][T][D]; every output [B][T][H].
//   LSTM: i = σ(a_i), f = σ(a_f), c̃ = tanh(a_c), o = σ(a_o), a = x W + h U + b;
//         c' = f c + i c̃, h' = o tanh(c')
//   SimpleRNN: h' = tanh(x W + h U + b)
// The backward is checked against central differences of the forward (test/kernels/fusedLstmSequence.test.ts).

export type Cell = "lstm" | "simpleRnn";

export interface CellCase {
  cell: Cell; batch: number; time: number; inputDim: number; units: number; useBias: boolean;
}

export interface CellArrays {
  x: Float32Array; h0: Float32Array; c0: Float32Array | null;
  kernel: Float32Array; recurrentKernel: Float32Array; bias: Float32Array | null;
}

/** LSTM: h, c, i, f, cTilde, o; SimpleRNN: h only. */
export const OUTPUT_NAMES: Record<Cell, string[]> = { lstm: ["h", "c", "i", "f", "cTilde", "o"], simpleRnn: ["h"] };

export type Outputs = Record<string, Float64Array>;

export interface Gradients {
  dx: Float64Array; dh0: Float64Array; dc0: Float64Array | null;
  dKernel: Float64Array; dRecurrentKernel: Float64Array; dBias: Float64Array | null;
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const gatesOf = (cell: Cell) => (cell === "lstm" ? 4 : 1);

interface Trace { outputs: Outputs; hPrev: Float64Array; cPrev: Float64Array }

function forward(k: CellCase, a: CellArrays, recurrentMask?: ArrayLike<number>): Trace {
  const { batch: B, time: T, inputDim: D, units: H } = k;
  const G = gatesOf(k.cell);
  const n = B * T * H;
  const outputs: Outputs = Object.fromEntries(OUTPUT_NAMES[k.cell].map((name) => [name, new Float64Array(n)]));
  const hPrev = new Float64Array(n); // h_{t−1} and c_{t−1} of every step, for the backward
  const cPrev = new Float64Array(n);
  const pre = new Float64Array(G * H);
  for (let b = 0; b < B; b++) {
    let h = Float64Array.from(a.h0.subarray(b * H, (b + 1) * H));
    let c = a.c0 ? Float64Array.from(a.c0.subarray(b * H, (b + 1) * H)) : new Float64Array(H);
    for (let t = 0; t < T; t++) {
      const row = (b * T + t) * H;
      hPrev.set(h, row);
      cPrev.set(c, row);
      for (let j = 0; j < G * H; j++) {
        let s = a.bias ? a.bias[j] : 0;
        for (let d = 0; d < D; d++) s += a.x[(b * T + t) * D + d] * a.kernel[d * G * H + j];
        for (let q = 0; q < H; q++) s += h[q] * (recurrentMask ? recurrentMask[b * H + q] : 1) * a.recurrentKernel[q * G * H + j];
        pre[j] = s;
      }
      const hNew = new Float64Array(H);
      const cNew = new Float64Array(H);
      for (let j = 0; j < H; j++) {
        if (k.cell === "simpleRnn") {
          hNew[j] = Math.tanh(pre[j]);
          continue;
        }
        const i = sigmoid(pre[j]), f = sigmoid(pre[H + j]), ct = Math.tanh(pre[2 * H + j]), o = sigmoid(pre[3 * H + j]);
        cNew[j] = f * c[j] + i * ct;
        hNew[j] = o * Math.tanh(cNew[j]);
        outputs.i[row + j] = i; outputs.f[row + j] = f; outputs.cTilde[row + j] = ct; outputs.o[row + j] = o;
        outputs.c[row + j] = cNew[j];
      }
      outputs.h.set(hNew, row);
      h = hNew;
      c = cNew;
    }
  }
  return { outputs, hPrev, cPrev };
}

/**
 * Every step's outputs in float64. `recurrentMask` [B][H] (flat) multiplies h_{t−1} before U at
 * every step (Keras's recurrent dropout; the backward takes no mask).
 *
 * @example
 * const { h, c } = float64Forward(k, arrays);
 */
export function float64Forward(k: CellCase, a: CellArrays, recurrentMask?: ArrayLike<number>): Outputs {
  return forward(k, a, recurrentMask).outputs;
}

/**
 * Gradients of L = Σ_name Σ outputs[name] ⊙ weights[name] (missing names weigh 0) with respect to
 * every input, by backpropagation through time in float64.
 *
 * @example
 * const g = float64Backward(k, arrays, { h: dh });
 */
export function float64Backward(k: CellCase, a: CellArrays, weights: Record<string, ArrayLike<number>>): Gradients {
  const { batch: B, time: T, inputDim: D, units: H } = k;
  const G = gatesOf(k.cell);
  const { outputs: out, hPrev, cPrev } = forward(k, a);
  const w = (name: string, idx: number) => (weights[name] ? weights[name][idx] : 0);
  const g: Gradients = {
    dx: new Float64Array(B * T * D), dh0: new Float64Array(B * H), dc0: k.cell === "lstm" ? new Float64Array(B * H) : null,
    dKernel: new Float64Array(D * G * H), dRecurrentKernel: new Float64Array(H * G * H), dBias: a.bias ? new Float64Array(G * H) : null,
  };
  const da = new Float64Array(G * H);
  for (let b = 0; b < B; b++) {
    let dh = new Float64Array(H);
    let dc = new Float64Array(H);
    for (let t = T - 1; t >= 0; t--) {
      const row = (b * T + t) * H;
      for (let j = 0; j < H; j++) {
        const gh = dh[j] + w("h", row + j);
        if (k.cell === "simpleRnn") {
          const h = out.h[row + j];
          da[j] = gh * (1 - h * h);
          continue;
        }
        const i = out.i[row + j], f = out.f[row + j], ct = out.cTilde[row + j], o = out.o[row + j];
        const tc = Math.tanh(out.c[row + j]);
        const dO = gh * tc + w("o", row + j);
        const dC = dc[j] + gh * o * (1 - tc * tc) + w("c", row + j);
        const dI = dC * ct + w("i", row + j);
        const dF = dC * cPrev[row + j] + w("f", row + j);
        const dT = dC * i + w("cTilde", row + j);
        da[j] = dI * i * (1 - i);
        da[H + j] = dF * f * (1 - f);
        da[2 * H + j] = dT * (1 - ct * ct);
        da[3 * H + j] = dO * o * (1 - o);
        dc[j] = dC * f;
      }
      const dhNew = new Float64Array(H);
      for (let q = 0; q < H; q++) {
        let s = 0;
        for (let j = 0; j < G * H; j++) {
          s += da[j] * a.recurrentKernel[q * G * H + j];
          g.dRecurrentKernel[q * G * H + j] += hPrev[row + q] * da[j];
        }
        dhNew[q] = s;
      }
      for (let d = 0; d < D; d++) {
        const xv = a.x[(b * T + t) * D + d];
        let s = 0;
        for (let j = 0; j < G * H; j++) {
          s += da[j] * a.kernel[d * G * H + j];
          g.dKernel[d * G * H + j] += xv * da[j];
        }
        g.dx[(b * T + t) * D + d] = s;
      }
      if (g.dBias) for (let j = 0; j < G * H; j++) g.dBias[j] += da[j];
      dh = dhNew;
    }
    g.dh0.set(dh, b * H);
    if (g.dc0) g.dc0.set(dc, b * H);
  }
  return g;
}
