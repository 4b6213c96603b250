import { gruKernel } from "./gruKernel";
import { gruFreeMemoryStart } from "./gruKernelForward";

/** A row-major float32 matrix [rows, cols], used transposed in the product when `transpose` is true. */
export interface MatMulOperand {
  data: Float32Array;
  rows: number;
  cols: number;
  transpose?: boolean;
}

// Bytes rounded up to the kernel's 64-byte alignment.
const aligned = (floats: number) => Math.ceil((floats * 4) / 64) * 64;

/**
 * The product a·b (either operand transposed by a stride choice, never copied transposed) on the
 * fused GRU kernel's GEMM — the native addon's (AVX-512/AVX2 register tiles) or the WebAssembly
 * module's — on one thread. The operands are copied into the kernel memory above any GRU state
 * kept there for a backward (nothing is evicted); the result comes back as a new [m, n] array, or
 * with `view` as a view into the kernel memory, valid only until the next kernel call (for a
 * caller that copies it at once, as tf.tensor does on tfjs's wasm backend).
 * An operand whose data does not match rows × cols, or inner dimensions that differ, is an Error.
 *
 * @example
 * const dKernel = kernelMatMul({ data: x, rows: 6400, cols: 128, transpose: true }, { data: dz, rows: 6400, cols: 96 }); // [128, 96]
 */
export function kernelMatMul(a: MatMulOperand, b: MatMulOperand, view = false): Float32Array {
  for (const [name, o] of [["a", a], ["b", b]] as const) {
    if (o.data.length !== o.rows * o.cols) throw new Error(`kernelMatMul: operand ${name} has ${o.data.length} values, not ${o.rows} × ${o.cols}`);
  }
  const [m, k] = a.transpose ? [a.cols, a.rows] : [a.rows, a.cols];
  const [kb, n] = b.transpose ? [b.cols, b.rows] : [b.rows, b.cols];
  if (k !== kb) throw new Error(`kernelMatMul: inner dimensions differ: a gives ${m} × ${k}, b gives ${kb} × ${n}`);
  const kernel = gruKernel();
  const at = { a: Math.ceil(gruFreeMemoryStart() / 64) * 64, b: 0, c: 0, scratch: 0, tmp: 0, end: 0 };
  at.b = at.a + aligned(a.data.length);
  at.c = at.b + aligned(b.data.length);
  at.scratch = at.c + aligned(m * n);
  at.tmp = at.scratch + aligned(kernel.exports.scratchSize(n));
  at.end = at.tmp + aligned(16);
  kernel.reserve(at.end);
  const mem = kernel.f32();
  mem.set(a.data, at.a / 4);
  mem.set(b.data, at.b / 4);
  // row-major [rows, cols]: element (i, j) at i·cols + j; transposed, (i, j) is element (j, i)
  const [ars, acs] = a.transpose ? [1, a.cols] : [a.cols, 1];
  const [brs, bcs] = b.transpose ? [1, b.cols] : [b.cols, 1];
  kernel.exports.gemm(at.a, ars, acs, at.b, brs, bcs, m, k, n, at.c, n, 0, at.scratch, at.tmp);
  const c = kernel.f32().subarray(at.c / 4, at.c / 4 + m * n);
  return view ? c : c.slice();
}
