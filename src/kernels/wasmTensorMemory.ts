// The one place grulab reaches into tfjs-backend-wasm's internals: a float32 tensor's values where
// that backend keeps them (its WebAssembly heap), and whether another tensor shares them. Both go
// through methods of the backend object that are not part of tfjs's documented API
// (`BackendWasm.typedArrayFromHeap`, which its own kernels use, and `refCount`, a KernelBackend
// method the engine uses); each is looked up at every call, and where it is missing (another
// backend, or a tfjs version without it) the answer is null / false and callers take their copying
// path. test/kernels/wasmTensorMemory.test.ts fails if tfjs changes what these methods do.
import * as tf from "@tensorflow/tfjs";

interface WasmBackendInternals {
  typedArrayFromHeap(t: { shape: number[]; dtype: string; dataId: object }): Float32Array | Int32Array | Uint8Array;
  refCount(dataId: object): number;
}

// The wasm backend's two methods, or null (another backend, or they are gone).
function wasmInternals(t: tf.Tensor): WasmBackendInternals | null {
  if (t.isDisposed || t.dtype !== "float32" || tf.getBackend() !== "wasm") return null;
  const backend = tf.backend() as unknown as Partial<WasmBackendInternals>;
  return typeof backend.typedArrayFromHeap === "function" && typeof backend.refCount === "function" ? (backend as WasmBackendInternals) : null;
}

/**
 * A float32 tensor's values in place, as a view into tfjs-backend-wasm's heap (no copy), or null
 * where that is not available (another backend, another dtype, a disposed tensor, or a tfjs whose
 * wasm backend no longer has `typedArrayFromHeap`): then read `t.dataSync()` instead. The view is
 * valid only until the next allocation on that heap (any new tensor may grow it and detach the
 * view): use it at once. Writing into it changes every tensor sharing `t`'s data (see `ownsData`).
 *
 * @example
 * const values = tensorMemory(t) ?? (t.dataSync() as Float32Array);
 */
export function tensorMemory(t: tf.Tensor): Float32Array | null {
  const backend = wasmInternals(t);
  if (!backend) return null;
  const view = backend.typedArrayFromHeap(t as unknown as { shape: number[]; dtype: string; dataId: object });
  return view instanceof Float32Array && view.length === t.size ? view : null;
}

/**
 * Whether `t`'s values can be written in place through `tensorMemory(t)` changing `t` alone: true
 * only on tfjs-backend-wasm when no other tensor shares t's data (a reshape and a variable made
 * from a tensor share it until the other is disposed; tf.clone copies on this backend). Only for
 * tensors no op has used as a weight: the backend caches a matmul's or convolution's prepared
 * weight operand by tensor (XNNPACK), and a weight written in place keeps its stale cached copy
 * (FusedAdam therefore writes its moments in place, but each weight into a new tensor).
 *
 * @example
 * const next = tf.clone(weight); if (ownsData(next)) tensorMemory(next)!.fill(0); weight.assign(next);
 */
export function ownsData(t: tf.Tensor): boolean {
  const backend = wasmInternals(t);
  return backend !== null && backend.refCount(t.dataId) === 1;
}
