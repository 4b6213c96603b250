// AssemblyScript: the element-wise work of one GRU time step over a [B, Hp] slab (Hp a multiple
// of 4; padded units carry zeros). Keras equations, gate order z | r | h:
//   z = σ(x_z + h·U_z + b_z), r = σ(x_r + h·U_r + b_r), h' = z·h + (1 − z)·h̃,
//   resetAfter true:  h̃ = tanh(x_h + r ⊙ (h·U_h + b_rh))   (b_rh: the recurrent bias)
//   resetAfter false: h̃ = tanh(x_h + (r ⊙ h)·U_h)           (all bias inside x_·)
import { vsigmoid, vtanh } from "./activations";

// One row of 3·Hp gate pre-activations per batch element: xw (input part, bias included),
// hu (recurrent product), brec (recurrent bias or zeros). Writes z, r, h̃, aux = h·U_h + b_rh, h'.
export function forwardAfter(b: i32, hp4: i32, xw: usize, hu: usize, brec: usize, hprev: usize,
                             z: usize, r: usize, n: usize, aux: usize, hnext: usize): void {
  const g = <usize>hp4 << 2; // bytes of one gate block
  for (let i = 0; i < b; i++) {
    const xr = xw + <usize>i * 3 * g, ur = hu + <usize>i * 3 * g, sr = <usize>i * g;
    for (let j: usize = 0; j < g; j += 16) {
      const zz = vsigmoid(f32x4.add(f32x4.add(v128.load(xr + j), v128.load(ur + j)), v128.load(brec + j)));
      const rr = vsigmoid(f32x4.add(f32x4.add(v128.load(xr + g + j), v128.load(ur + g + j)), v128.load(brec + g + j)));
      const hn = f32x4.add(v128.load(ur + 2 * g + j), v128.load(brec + 2 * g + j));
      const nn = vtanh(f32x4.add(v128.load(xr + 2 * g + j), f32x4.mul(rr, hn)));
      const hp = v128.load(hprev + sr + j);
      v128.store(z + sr + j, zz);
      v128.store(r + sr + j, rr);
      v128.store(n + sr + j, nn);
      v128.store(aux + sr + j, hn);
      v128.store(hnext + sr + j, f32x4.add(nn, f32x4.mul(zz, f32x4.sub(hp, nn))));
    }
  }
}

// resetAfter false, first half: z, r and aux = r ⊙ h (the left operand of the candidate product).
export function forwardBeforeGates(b: i32, hp4: i32, xw: usize, hu: usize, hprev: usize,
                                   z: usize, r: usize, aux: usize): void {
  const g = <usize>hp4 << 2;
  for (let i = 0; i < b; i++) {
    const xr = xw + <usize>i * 3 * g, ur = hu + <usize>i * 3 * g, sr = <usize>i * g;
    for (let j: usize = 0; j < g; j += 16) {
      const zz = vsigmoid(f32x4.add(v128.load(xr + j), v128.load(ur + j)));
      const rr = vsigmoid(f32x4.add(v128.load(xr + g + j), v128.load(ur + g + j)));
      v128.store(z + sr + j, zz);
      v128.store(r + sr + j, rr);
      v128.store(aux + sr + j, f32x4.mul(rr, v128.load(hprev + sr + j)));
    }
  }
}

// resetAfter false, second half: h̃ = tanh(x_h + hu_h) and h'.
export function forwardBeforeState(b: i32, hp4: i32, xw: usize, hu: usize, hprev: usize,
                                   z: usize, n: usize, hnext: usize): void {
  const g = <usize>hp4 << 2;
  for (let i = 0; i < b; i++) {
    const xr = xw + <usize>i * 3 * g, ur = hu + <usize>i * 3 * g, sr = <usize>i * g;
    for (let j: usize = 0; j < g; j += 16) {
      const nn = vtanh(f32x4.add(v128.load(xr + 2 * g + j), v128.load(ur + 2 * g + j)));
      const zz = v128.load(z + sr + j);
      const hp = v128.load(hprev + sr + j);
      v128.store(n + sr + j, nn);
      v128.store(hnext + sr + j, f32x4.add(nn, f32x4.mul(zz, f32x4.sub(hp, nn))));
    }
  }
}

// Gradient values below 1e-30 in magnitude become 0: over long sequences BPTT gradients decay into
// the denormal range (< 1.2e-38), where x86 float arithmetic is ~100× slower (WebAssembly has no
// flush-to-zero mode). Measured: a T 200, H 256 training step went from 3.8 s to ~0.3 s of BPTT.
@inline function flush(v: v128): v128 {
  return v128.andnot(v, f32x4.lt(f32x4.abs(v), f32x4.splat(1e-30)));
}

@inline function extra(p: usize, off: usize): v128 {
  return p == 0 ? f32x4.splat(0) : v128.load(p + off);
}

// Backward, resetAfter true. dh: carried dL/dh (in: from step t+1, out: the direct part g·z).
// dout: dL/dh_t from the outputs; dzx, drx, dnx: dL/d(z, r, h̃) from the outputs (0 = none).
// Writes dgx = [dz·σ', dr·σ', dan] (input-side pre-activations) and dgh = [.., .., dan ⊙ r].
export function backwardAfter(b: i32, hp4: i32, dh: usize, dout: usize, dzx: usize, drx: usize, dnx: usize,
                              hprev: usize, z: usize, r: usize, n: usize, aux: usize,
                              dgx: usize, dgh: usize): void {
  const one = f32x4.splat(1.0);
  const g = <usize>hp4 << 2;
  for (let i = 0; i < b; i++) {
    const sr = <usize>i * g, gr = <usize>i * 3 * g;
    for (let j: usize = 0; j < g; j += 16) {
      const o = sr + j;
      const gg = f32x4.add(v128.load(dh + o), v128.load(dout + o));
      const zz = v128.load(z + o), rr = v128.load(r + o), nn = v128.load(n + o);
      const dz = f32x4.add(f32x4.mul(gg, f32x4.sub(v128.load(hprev + o), nn)), extra(dzx, o));
      const dn = f32x4.add(f32x4.mul(gg, f32x4.sub(one, zz)), extra(dnx, o));
      const dan = f32x4.mul(dn, f32x4.sub(one, f32x4.mul(nn, nn)));
      const dr = f32x4.add(f32x4.mul(dan, v128.load(aux + o)), extra(drx, o));
      const daz = f32x4.mul(dz, f32x4.mul(zz, f32x4.sub(one, zz)));
      const dar = f32x4.mul(dr, f32x4.mul(rr, f32x4.sub(one, rr)));
      v128.store(dgx + gr + j, flush(daz));
      v128.store(dgx + gr + g + j, flush(dar));
      v128.store(dgx + gr + 2 * g + j, flush(dan));
      v128.store(dgh + gr + j, flush(daz));
      v128.store(dgh + gr + g + j, flush(dar));
      v128.store(dgh + gr + 2 * g + j, flush(f32x4.mul(dan, rr)));
      v128.store(dh + o, flush(f32x4.mul(gg, zz)));
    }
  }
}

// Backward, resetAfter false, first half: dgx z and h blocks, dh = g·z.
export function backwardBeforeState(b: i32, hp4: i32, dh: usize, dout: usize, dzx: usize, dnx: usize,
                                    hprev: usize, z: usize, n: usize, dgx: usize): void {
  const one = f32x4.splat(1.0);
  const g = <usize>hp4 << 2;
  for (let i = 0; i < b; i++) {
    const sr = <usize>i * g, gr = <usize>i * 3 * g;
    for (let j: usize = 0; j < g; j += 16) {
      const o = sr + j;
      const gg = f32x4.add(v128.load(dh + o), v128.load(dout + o));
      const zz = v128.load(z + o), nn = v128.load(n + o);
      const dz = f32x4.add(f32x4.mul(gg, f32x4.sub(v128.load(hprev + o), nn)), extra(dzx, o));
      const dn = f32x4.add(f32x4.mul(gg, f32x4.sub(one, zz)), extra(dnx, o));
      v128.store(dgx + gr + j, flush(f32x4.mul(dz, f32x4.mul(zz, f32x4.sub(one, zz)))));
      v128.store(dgx + gr + 2 * g + j, flush(f32x4.mul(dn, f32x4.sub(one, f32x4.mul(nn, nn)))));
      v128.store(dh + o, flush(f32x4.mul(gg, zz)));
    }
  }
}

// Backward, resetAfter false, second half: drh = dL/d(r ⊙ h) → dgx r block, dh += drh ⊙ r.
export function backwardBeforeGates(b: i32, hp4: i32, dh: usize, drh: usize, drx: usize,
                                    hprev: usize, r: usize, dgx: usize): void {
  const one = f32x4.splat(1.0);
  const g = <usize>hp4 << 2;
  for (let i = 0; i < b; i++) {
    const sr = <usize>i * g, gr = <usize>i * 3 * g;
    for (let j: usize = 0; j < g; j += 16) {
      const o = sr + j;
      const d = v128.load(drh + o), rr = v128.load(r + o);
      const dr = f32x4.add(f32x4.mul(d, v128.load(hprev + o)), extra(drx, o));
      v128.store(dgx + gr + g + j, flush(f32x4.mul(dr, f32x4.mul(rr, f32x4.sub(one, rr)))));
      v128.store(dh + o, flush(f32x4.add(v128.load(dh + o), f32x4.mul(d, rr))));
    }
  }
}
