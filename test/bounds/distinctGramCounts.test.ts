import { test } from "node:test";
import * as fs from "fs";
import * as path from "path";
import * as assert from "node:assert/strict";
import { distinctGramCounts } from "../../src/bounds/distinctGramCounts";
import { seededRandom } from "../../src/util/seededRandom";

/** The reference: every substring of each length put in a Set. */
function bySet(text: number[], order: number): number[] {
  return Array.from({ length: order }, (_, j) => {
    const k = j + 1, seen = new Set<string>();
    for (let i = 0; i + k <= text.length; i++) seen.add(text.slice(i, i + k).join(","));
    return seen.size;
  });
}

test("distinctGramCounts equals a Set of every substring, per length, on random, periodic and repetitive texts and orders past the text's length", () => {
  const random = seededRandom(4);
  const texts = [
    Array.from({ length: 3000 }, () => Math.floor(random() * 5)),
    Array.from({ length: 2000 }, (_, i) => (i * 7) % 13),
    Array.from({ length: 1500 }, (_, i) => (i % 97 < 60 ? (i % 97) % 3 : Math.floor(random() * 40))), // long repeats, then noise
    [0, 1, 0, 1, 0], [3], [2, 2, 2, 2, 2, 2, 2],
    // Real text as the char model sees it (code points, non-ASCII included), and a sparse alphabet of large symbols.
    Array.from(fs.readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8").slice(0, 4000), (c) => c.codePointAt(0)!),
    Array.from({ length: 600 }, () => [0, 3, 70_000, 1_000_000][Math.floor(random() * 4)]),
  ];
  for (const text of texts) {
    for (const order of [1, 3, 7, 20, 33]) assert.deepEqual(distinctGramCounts(text, order), bySet(text, order), `${text.length} symbols, order ${order}`);
  }
  assert.deepEqual(distinctGramCounts([0, 1, 0, 1, 0], 3), [2, 2, 2]);
  assert.deepEqual(distinctGramCounts([], 4), [0, 0, 0, 0]);
  // A symbol value ≥ the text's length: "5,1" twice, with "5,2" between them in the first-symbol order.
  assert.deepEqual(distinctGramCounts([5, 1, 5, 2, 5, 1], 3), [3, 4, 4]);
  assert.deepEqual(distinctGramCounts(Uint16Array.from([5, 5, 9]), 4), [2, 2, 1, 0]);
  assert.throws(() => distinctGramCounts([1, 2], 0), /order 0, expected an integer ≥ 1/);
  assert.throws(() => distinctGramCounts([1, -2], 2), /symbol -2 at position 1, expected an integer ≥ 0/);
});
