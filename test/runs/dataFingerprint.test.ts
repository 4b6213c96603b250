import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { dataFingerprint } from "../../src/runs/dataFingerprint";

/** FNV-1a 32-bit in BigInt arithmetic (the reference: no Math.imul, no 32-bit tricks). */
function fnv1a(bytes: number[]): string {
  let h = 0x811c9dc5n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x01000193n) % 0x100000000n;
  return h.toString(16).padStart(8, "0");
}

test("the reference is FNV-1a: the published test vectors", () => {
  assert.equal(fnv1a([]), "811c9dc5");
  assert.equal(fnv1a([..."a"].map((c) => c.charCodeAt(0))), "e40c292c");
  assert.equal(fnv1a([..."foobar"].map((c) => c.charCodeAt(0))), "bf9cf968");
});

test("dataFingerprint: the shapes, then FNV-1a over the little-endian bytes of the values, tensor after tensor", () => {
  // float32 1 = 0x3f800000, -2 = 0xc0000000; int32 258 = 0x00000102 (little-endian bytes).
  const x = tf.tensor2d([[1, -2]], [1, 2], "float32");
  const y = tf.tensor1d([258], "int32");
  assert.equal(dataFingerprint(x), `[1x2]:${fnv1a([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0])}`);
  assert.equal(dataFingerprint(x, y), `[1x2][1]:${fnv1a([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0, 2, 1, 0, 0])}`);
  assert.equal(dataFingerprint(tf.zeros([0, 3])), "[0x3]:811c9dc5", "no values: FNV's offset basis");
  tf.dispose([x, y]);
});

test("dataFingerprint tells apart what a resumed fit must refuse: other values, another order, another shape of the same values", () => {
  const a = tf.tensor2d([[1, 2], [3, 4]]);
  const b = tf.tensor2d([[1, 2], [3, 4.000001]]);
  const c = tf.tensor2d([[1, 2, 3, 4]]);
  const y = tf.tensor1d([0, 1]);
  assert.equal(dataFingerprint(a, y), dataFingerprint(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor1d([0, 1])), "the same data: the same fingerprint");
  assert.notEqual(dataFingerprint(a), dataFingerprint(b));
  assert.notEqual(dataFingerprint(a, y), dataFingerprint(y, a));
  assert.notEqual(dataFingerprint(a), dataFingerprint(c));
  assert.equal(dataFingerprint(a).split(":")[1], dataFingerprint(c).split(":")[1], "the same bytes: only the shapes differ");
  tf.dispose([a, b, c, y]);
});
