// AssemblyScript: the LSTM's per-step element-wise work over a [rows, Hp] slab (Keras's
// equations and gate order i | f | c̃ | o; padded units carry zeros in c and h):
//   i = σ(a_i), f = σ(a_f), c̃ = tanh(a_c), o = σ(a_o)   with a = x·W + b + h_{t−1}·U
//   c_t = f ⊙ c_{t−1} + i ⊙ c̃,   h_t = o ⊙ tanh(c_t)
import { vsigmoid, vtanh } from "./activations";

// One row of 4·Hp pre-activations per batch element at `act`, overwritten by i, f, c̃, o.
export function lstmForwardGates(m: i32, hp: i32, act: usize, cprev: usize, cnext: usize, hnext: usize): void {
  const g = <usize>hp << 2; // bytes of one gate block
  for (let i = 0; i < m; i++) {
    const a = act + <usize>i * 4 * g, sr = <usize>i * g;
    for (let j: usize = 0; j < g; j += 16) {
      const ig = vsigmoid(v128.load(a + j));
      const fg = vsigmoid(v128.load(a + g + j));
      const ct = vtanh(v128.load(a + 2 * g + j));
      const og = vsigmoid(v128.load(a + 3 * g + j));
      const c = f32x4.add(f32x4.mul(fg, v128.load(cprev + sr + j)), f32x4.mul(ig, ct));
      v128.store(a + j, ig);
      v128.store(a + g + j, fg);
      v128.store(a + 2 * g + j, ct);
      v128.store(a + 3 * g + j, og);
      v128.store(cnext + sr + j, c);
      v128.store(hnext + sr + j, f32x4.mul(og, vtanh(c)));
    }
  }
}

// Gradient values below 1e-30 become 0 (denormals make x86 float arithmetic ~100× slower; see gates.ts).
@inline export function flush(v: v128): v128 {
  return v128.andnot(v, f32x4.lt(f32x4.abs(v), f32x4.splat(1e-30)));
}

@inline function extra(p: usize, off: usize): v128 {
  return p == 0 ? f32x4.splat(0) : v128.load(p + off);
}

// Backward of one step. Chain rule, with g = dL/dh_t (carried dh + dhOut) and τ = tanh(c_t):
//   do = g ⊙ τ                      dc = dc_carry + g ⊙ o ⊙ (1 − τ²)   (+ dL/dc_t from the outputs)
//   di = dc ⊙ c̃    df = dc ⊙ c_{t−1}    dc̃ = dc ⊙ i                 (+ dL/d(gate) from the outputs)
//   dg = [di·i(1−i), df·f(1−f), dc̃·(1−c̃²), do·o(1−o)]              dc_carry ← dc ⊙ f
// dgatesOut: dL/d(i, f, c̃, o) rows or 0; dcOut: dL/dc_t rows or 0. dh_{t−1} = dg·Uᵀ follows (rnn.ts).
export function lstmBackwardGates(m: i32, hp: i32, act: usize, cprev: usize, cnow: usize, dh: usize, dhOut: usize,
                                  dgatesOut: usize, dcOut: usize, dc: usize, dg: usize): void {
  const one = f32x4.splat(1.0);
  const g = <usize>hp << 2;
  for (let i = 0; i < m; i++) {
    const a = act + <usize>i * 4 * g, d = dg + <usize>i * 4 * g, sr = <usize>i * g;
    const x: usize = dgatesOut == 0 ? 0 : dgatesOut + <usize>i * 4 * g;
    for (let j: usize = 0; j < g; j += 16) {
      const o = sr + j;
      const gg = f32x4.add(v128.load(dh + o), v128.load(dhOut + o));
      const ig = v128.load(a + j), fg = v128.load(a + g + j), ct = v128.load(a + 2 * g + j), og = v128.load(a + 3 * g + j);
      const tc = vtanh(v128.load(cnow + o));
      const dO = f32x4.add(f32x4.mul(gg, tc), extra(x, 3 * g + j));
      const dC = f32x4.add(f32x4.add(v128.load(dc + o), f32x4.mul(f32x4.mul(gg, og), f32x4.sub(one, f32x4.mul(tc, tc)))),
        extra(dcOut, o));
      const dI = f32x4.add(f32x4.mul(dC, ct), extra(x, j));
      const dF = f32x4.add(f32x4.mul(dC, v128.load(cprev + o)), extra(x, g + j));
      const dT = f32x4.add(f32x4.mul(dC, ig), extra(x, 2 * g + j));
      v128.store(d + j, flush(f32x4.mul(dI, f32x4.mul(ig, f32x4.sub(one, ig)))));
      v128.store(d + g + j, flush(f32x4.mul(dF, f32x4.mul(fg, f32x4.sub(one, fg)))));
      v128.store(d + 2 * g + j, flush(f32x4.mul(dT, f32x4.sub(one, f32x4.mul(ct, ct)))));
      v128.store(d + 3 * g + j, flush(f32x4.mul(dO, f32x4.mul(og, f32x4.sub(one, og)))));
      v128.store(dc + o, flush(f32x4.mul(dC, fg)));
    }
  }
}
