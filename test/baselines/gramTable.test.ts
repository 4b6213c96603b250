import { test } from "node:test";
import * as assert from "node:assert/strict";
import { GramTable, prependHash } from "../../src/baselines/gramTable";
import { seededRandom } from "../../src/util/seededRandom";

/** The hash of text[at − k + 1 … at], grown from the right as the fit does. */
const hashOf = (text: ArrayLike<number>, at: number, k: number) => { let h = 0; for (let j = 0; j < k; j++) h = prependHash(h, text[at - j], j); return h; };

test("prependHash is the polynomial Σ (s_j + 1)·B^(k−1−j) mod 2³², grown one symbol to the left at a time", () => {
  const B = 0x9e3779b1n;
  const s = [5, 0, 65534, 7];
  let want = 0n;
  for (const x of s) want = (want * B + BigInt(x + 1)) % 2n ** 32n;
  assert.equal(hashOf(s, 3, 4), Number(want));
});

test("GramTable stores each distinct string once, finds it exactly (also in another text), grows, and keeps ids stable", () => {
  const random = seededRandom(4);
  const train = Uint16Array.from({ length: 60000 }, () => Math.floor(random() * 4)); // V = 4: many repeats of length 6
  const k = 6;
  const table = new GramTable(k, train.length - k + 1);
  const seen = new Map<string, number>();
  for (let at = k - 1; at < train.length; at++) {
    const key = Array.from(train.subarray(at - k + 1, at + 1)).join(",");
    const id = table.insert(train, at, hashOf(train, at, k));
    assert.equal(table.added, !seen.has(key), `at ${at}`);
    if (!seen.has(key)) seen.set(key, id);
    assert.equal(id, seen.get(key));
  }
  assert.equal(table.size, seen.size);
  assert.equal(seen.size, 4 ** 6); // every string of length 6 over 4 symbols occurs in 60,000 random symbols (seed 4)
  // Found from another text; a string not stored is −1 (symbol 4 never occurs).
  const other = [3, 2, 1, 0, 1, 2, 4, 1, 0, 1, 2, 3];
  assert.equal(table.find(train, other, 5, hashOf(other, 5, k)), seen.get("3,2,1,0,1,2"));
  assert.equal(table.find(train, other, 8, hashOf(other, 8, k)), -1);
  // Equal hashes with different symbols are told apart: a table whose every string has the same hash.
  const forced = new GramTable(2, 10);
  const t = [1, 2, 3, 4, 1, 2];
  assert.equal(forced.insert(t, 1, 7), 0);
  assert.equal(forced.insert(t, 3, 7), 1);
  assert.equal(forced.insert(t, 5, 7), 0);
  assert.equal(forced.find(t, [3, 4], 1, 7), 1);
  assert.equal(forced.find(t, [2, 3], 1, 7), -1);
});

test("GramTable refuses more strings than it was told the text can hold", () => {
  const table = new GramTable(1, 2);
  const t = [0, 1, 2];
  table.insert(t, 0, hashOf(t, 0, 1));
  table.insert(t, 1, hashOf(t, 1, 1));
  assert.throws(() => table.insert(t, 2, hashOf(t, 2, 1)), /GramTable: more than 2 strings of length 1/);
});
