// AssemblyScript: the element-wise work of one GRU time step over a [B, hp] slab (hp, the padded
// unit count, a multiple of 4; padded units carry zeros). Keras equations, gate order z | r | h:
//   z = σ(x_z + h·U_z + b_z), r = σ(x_r + h·U_r + b_r), h' = z ⊙ h + (1 − z) ⊙ h̃,
//   resetAfter true:  h̃ = tanh(x_h + r ⊙ hUh),  hUh = h·U_h + b_rh   (b_rh: the recurrent bias)
//   resetAfter false: h̃ = tanh(x_h + rh·U_h),    rh = r ⊙ h           (all bias inside x_·)
// (h is h_{t−1}, written hPrev below; x_· includes the input bias.)
//
// Backward names: a gradient dX is dL/dX. g = dL/dh_t (carried from step t+1 plus the output's
// own dhOut); daz, dar, dahTilde are the gradients of the gates' pre-activations
// (az = x_z + h·U_z + b_z, ar likewise, ahTilde = the argument of tanh). Chain rule per unit:
//   dz       = g ⊙ (hPrev − h̃) + dzOut                  from h' = h̃ + z ⊙ (hPrev − h̃)
//   dhTilde  = g ⊙ (1 − z) + dhTildeOut
//   dahTilde = dhTilde ⊙ (1 − h̃²)                        tanh' = 1 − tanh²
//   daz      = dz ⊙ z ⊙ (1 − z)                           σ' = σ(1 − σ)
//   resetAfter:  dr = dahTilde ⊙ hUh + drOut,  dar = dr ⊙ r ⊙ (1 − r),
//                dL/dhUh = dahTilde ⊙ r  (→ U_h and b_rh),  dhPrev = g ⊙ z + [daz, dar, dahTilde ⊙ r]·Uᵀ
//   resetBefore: drh = dahTilde·U_hᵀ (a matmul, between the two halves),
//                dr = drh ⊙ hPrev + drOut,  dar = dr ⊙ r ⊙ (1 − r),
//                dhPrev = g ⊙ z + drh ⊙ r + [daz, dar]·U_zrᵀ
import { vsigmoid, vtanh } from "./activations";

// One row of 3·hp gate pre-activations per batch element: xw (input part, bias included),
// hu (recurrent product), bRec (recurrent bias or zeros). Writes z, r, h̃, hUh and h'.
export function forwardAfter(b: i32, hp: i32, xw: usize, hu: usize, bRec: usize, hPrev: usize,
                             z: usize, r: usize, hTilde: usize, hUh: usize, hNext: usize): void {
  const g = <usize>hp << 2; // bytes of one gate block
  for (let i = 0; i < b; i++) {
    const xr = xw + <usize>i * 3 * g, ur = hu + <usize>i * 3 * g, sr = <usize>i * g;
    for (let j: usize = 0; j < g; j += 16) {
      const zz = vsigmoid(f32x4.add(f32x4.add(v128.load(xr + j), v128.load(ur + j)), v128.load(bRec + j)));
      const rr = vsigmoid(f32x4.add(f32x4.add(v128.load(xr + g + j), v128.load(ur + g + j)), v128.load(bRec + g + j)));
      const hh = f32x4.add(v128.load(ur + 2 * g + j), v128.load(bRec + 2 * g + j));
      const ht = vtanh(f32x4.add(v128.load(xr + 2 * g + j), f32x4.mul(rr, hh)));
      const hPrevV = v128.load(hPrev + sr + j);
      v128.store(z + sr + j, zz);
      v128.store(r + sr + j, rr);
      v128.store(hTilde + sr + j, ht);
      v128.store(hUh + sr + j, hh);
      v128.store(hNext + sr + j, f32x4.add(ht, f32x4.mul(zz, f32x4.sub(hPrevV, ht))));
    }
  }
}

// resetAfter false, first half: z, r and rh = r ⊙ hPrev (the left operand of the candidate product).
export function forwardBeforeGates(b: i32, hp: i32, xw: usize, hu: usize, hPrev: usize,
                                   z: usize, r: usize, rh: usize): void {
  const g = <usize>hp << 2;
  for (let i = 0; i < b; i++) {
    const xr = xw + <usize>i * 3 * g, ur = hu + <usize>i * 3 * g, sr = <usize>i * g;
    for (let j: usize = 0; j < g; j += 16) {
      const zz = vsigmoid(f32x4.add(v128.load(xr + j), v128.load(ur + j)));
      const rr = vsigmoid(f32x4.add(v128.load(xr + g + j), v128.load(ur + g + j)));
      v128.store(z + sr + j, zz);
      v128.store(r + sr + j, rr);
      v128.store(rh + sr + j, f32x4.mul(rr, v128.load(hPrev + sr + j)));
    }
  }
}

// resetAfter false, second half: h̃ = tanh(x_h + (rh·U_h)) and h'.
export function forwardBeforeState(b: i32, hp: i32, xw: usize, hu: usize, hPrev: usize,
                                   z: usize, hTilde: usize, hNext: usize): void {
  const g = <usize>hp << 2;
  for (let i = 0; i < b; i++) {
    const xr = xw + <usize>i * 3 * g, ur = hu + <usize>i * 3 * g, sr = <usize>i * g;
    for (let j: usize = 0; j < g; j += 16) {
      const ht = vtanh(f32x4.add(v128.load(xr + 2 * g + j), v128.load(ur + 2 * g + j)));
      const zz = v128.load(z + sr + j);
      const hPrevV = v128.load(hPrev + sr + j);
      v128.store(hTilde + sr + j, ht);
      v128.store(hNext + sr + j, f32x4.add(ht, f32x4.mul(zz, f32x4.sub(hPrevV, ht))));
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

// Backward, resetAfter true (chain rule at the top). dh: in dL/dh_t carried from step t+1, out its
// direct part g ⊙ z (the caller adds dgh·Uᵀ). dhOut, dzOut, drOut, dhTildeOut: the outputs'
// gradients (0 = none; dhOut none: only the carried dh, which then starts as the last step's dL/dh). Writes dgx = [daz, dar, dahTilde] (input-side
// pre-activations, → W, x, input bias) and dgh = [daz, dar, dahTilde ⊙ r] (→ U, hPrev, recurrent bias).
export function backwardAfter(b: i32, hp: i32, dh: usize, dhOut: usize, dzOut: usize, drOut: usize, dhTildeOut: usize,
                              hPrev: usize, z: usize, r: usize, hTilde: usize, hUh: usize,
                              dgx: usize, dgh: usize): void {
  const one = f32x4.splat(1.0);
  const g = <usize>hp << 2;
  for (let i = 0; i < b; i++) {
    const sr = <usize>i * g, gr = <usize>i * 3 * g;
    for (let j: usize = 0; j < g; j += 16) {
      const o = sr + j;
      const gg = f32x4.add(v128.load(dh + o), extra(dhOut, o));
      const zz = v128.load(z + o), rr = v128.load(r + o), ht = v128.load(hTilde + o);
      const dz = f32x4.add(f32x4.mul(gg, f32x4.sub(v128.load(hPrev + o), ht)), extra(dzOut, o));
      const dht = f32x4.add(f32x4.mul(gg, f32x4.sub(one, zz)), extra(dhTildeOut, o));
      const daht = f32x4.mul(dht, f32x4.sub(one, f32x4.mul(ht, ht)));
      const dr = f32x4.add(f32x4.mul(daht, v128.load(hUh + o)), extra(drOut, o));
      const daz = f32x4.mul(dz, f32x4.mul(zz, f32x4.sub(one, zz)));
      const dar = f32x4.mul(dr, f32x4.mul(rr, f32x4.sub(one, rr)));
      v128.store(dgx + gr + j, flush(daz));
      v128.store(dgx + gr + g + j, flush(dar));
      v128.store(dgx + gr + 2 * g + j, flush(daht));
      v128.store(dgh + gr + j, flush(daz));
      v128.store(dgh + gr + g + j, flush(dar));
      v128.store(dgh + gr + 2 * g + j, flush(f32x4.mul(daht, rr)));
      v128.store(dh + o, flush(f32x4.mul(gg, zz)));
    }
  }
}

// Backward, resetAfter false, first half: dgx's z and h̃ blocks (daz, dahTilde), dh = g ⊙ z.
export function backwardBeforeState(b: i32, hp: i32, dh: usize, dhOut: usize, dzOut: usize, dhTildeOut: usize,
                                    hPrev: usize, z: usize, hTilde: usize, dgx: usize): void {
  const one = f32x4.splat(1.0);
  const g = <usize>hp << 2;
  for (let i = 0; i < b; i++) {
    const sr = <usize>i * g, gr = <usize>i * 3 * g;
    for (let j: usize = 0; j < g; j += 16) {
      const o = sr + j;
      const gg = f32x4.add(v128.load(dh + o), extra(dhOut, o));
      const zz = v128.load(z + o), ht = v128.load(hTilde + o);
      const dz = f32x4.add(f32x4.mul(gg, f32x4.sub(v128.load(hPrev + o), ht)), extra(dzOut, o));
      const dht = f32x4.add(f32x4.mul(gg, f32x4.sub(one, zz)), extra(dhTildeOut, o));
      v128.store(dgx + gr + j, flush(f32x4.mul(dz, f32x4.mul(zz, f32x4.sub(one, zz)))));
      v128.store(dgx + gr + 2 * g + j, flush(f32x4.mul(dht, f32x4.sub(one, f32x4.mul(ht, ht)))));
      v128.store(dh + o, flush(f32x4.mul(gg, zz)));
    }
  }
}

// Backward, resetAfter false, second half: from drh = dL/d(r ⊙ hPrev): dgx's r block (dar) and dh += drh ⊙ r.
export function backwardBeforeGates(b: i32, hp: i32, dh: usize, drh: usize, drOut: usize,
                                    hPrev: usize, r: usize, dgx: usize): void {
  const one = f32x4.splat(1.0);
  const g = <usize>hp << 2;
  for (let i = 0; i < b; i++) {
    const sr = <usize>i * g, gr = <usize>i * 3 * g;
    for (let j: usize = 0; j < g; j += 16) {
      const o = sr + j;
      const d = v128.load(drh + o), rr = v128.load(r + o);
      const dr = f32x4.add(f32x4.mul(d, v128.load(hPrev + o)), extra(drOut, o));
      v128.store(dgx + gr + g + j, flush(f32x4.mul(dr, f32x4.mul(rr, f32x4.sub(one, rr)))));
      v128.store(dh + o, flush(f32x4.add(v128.load(dh + o), f32x4.mul(d, rr))));
    }
  }
}
