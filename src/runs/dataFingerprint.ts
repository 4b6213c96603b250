import type * as tf from "@tensorflow/tfjs";

/**
 * A short fingerprint of tensors' shapes and values (FNV-1a over the bytes): a resumed fit
 * compares it with the checkpoint's to refuse other data than the run was trained on.
 */
export function dataFingerprint(...tensors: tf.Tensor[]): string {
  let h = 0x811c9dc5;
  for (const t of tensors) {
    const values = t.dataSync();
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  }
  return `${tensors.map((t) => `[${t.shape.join("x")}]`).join("")}:${(h >>> 0).toString(16).padStart(8, "0")}`;
}
