import { test } from "node:test";
import * as assert from "node:assert/strict";
import { blockShuffle } from "../../src/traces/blockShuffle";
import { seededRandom } from "../../src/util/seededRandom";

test("blockShuffle permutes whole blocks (the last one shorter), keeps each block's order, and is deterministic for a seed", () => {
  const values = Array.from({ length: 23 }, (_, i) => i);
  const out = [...blockShuffle(values, 5, seededRandom(3))];
  assert.deepEqual([...out].sort((a, b) => a - b), values, "a permutation");
  // Cut the output where a value does not follow its predecessor: every piece is a whole block.
  const pieces: number[][] = [];
  for (const v of out) (pieces.length > 0 && v === pieces[pieces.length - 1].at(-1)! + 1 && v % 5 !== 0 ? pieces[pieces.length - 1] : (pieces.push([]), pieces[pieces.length - 1])).push(v);
  assert.deepEqual(pieces.map((p) => p[0]).sort((a, b) => a - b), [0, 5, 10, 15, 20]);
  for (const p of pieces) assert.deepEqual(p, Array.from({ length: p[0] === 20 ? 3 : 5 }, (_, j) => p[0] + j));
  assert.notDeepEqual(out, values, "seed 3 moves some block");
  assert.deepEqual([...blockShuffle(values, 5, seededRandom(3))], out);
  assert.throws(() => blockShuffle(values, 0, seededRandom(1)), /blockShuffle: block 0, expected a positive integer/);
});
