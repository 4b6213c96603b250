// AssemblyScript: vectorised exp, sigmoid and tanh on f32x4 (Cephes expf: range reduction by
// ln 2, degree-5 polynomial, 2^n through the exponent bits; ~2 ulp on [-87, 88]).

@inline function vexp(x: v128): v128 {
  // pmin/pmax: one x86 instruction each (min/max with NaN semantics take ~8).
  x = f32x4.pmin(f32x4.pmax(x, f32x4.splat(-87.0)), f32x4.splat(88.0));
  // n = round(x / ln 2) with the 1.5·2^23 trick: the low mantissa bits of t hold n.
  const t = f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504088896341)), f32x4.splat(12582912.0));
  const n = f32x4.sub(t, f32x4.splat(12582912.0));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  p = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), f32x4.splat(1.0));
  // 2^n: bits(t) = 0x4B400000 + n, and 0x4B400000 << 23 wraps to 0, so (bits(t) << 23) = n << 23.
  const e = i32x4.add(i32x4.shl(t, 23), i32x4.splat(127 << 23));
  return f32x4.mul(p, e);
}

/** σ(x) = 1 / (1 + e^(−x)). */
@inline export function vsigmoid(x: v128): v128 {
  const one = f32x4.splat(1.0);
  return f32x4.div(one, f32x4.add(one, vexp(f32x4.neg(x))));
}

/** tanh(x) = sign(x) · (1 − e^(−2|x|)) / (1 + e^(−2|x|)). */
@inline export function vtanh(x: v128): v128 {
  const one = f32x4.splat(1.0);
  const e = vexp(f32x4.mul(f32x4.abs(x), f32x4.splat(-2.0)));
  const t = f32x4.div(f32x4.sub(one, e), f32x4.add(one, e));
  // copy the sign bit of x onto t (t ≥ 0)
  return v128.or(t, v128.and(x, i32x4.splat(0x80000000)));
}
