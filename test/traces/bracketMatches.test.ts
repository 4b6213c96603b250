import { test } from "node:test";
import * as assert from "node:assert/strict";
import { bracketMatches } from "../../src/traces/bracketMatches";

test("bracketMatches pairs (), [], {} in code and each string's quotes; a closer's pending opener is its own opener", () => {
  const text = `f(a[1], { b: "x)" }) // {`;
  //            0123456789012345678901234
  const m = bracketMatches(text);
  const closers = Object.fromEntries([...m.matchingOpener].map((o, i) => [i, o]).filter(([, o]) => o !== -2));
  // "]" at 5 → "[" at 3; closing quote at 16 → 13; "}" at 18 → "{" at 8; ")" at 19 → "(" at 1. The ")" inside the string and the "{" in the comment are not brackets.
  assert.deepEqual(closers, { 5: 3, 16: 13, 18: 8, 19: 1 });
  assert.equal(m.pendingOpener[0], -1, "f: nothing open");
  assert.equal(m.pendingOpener[4], 3, "1 inside [");
  assert.equal(m.pendingOpener[6], 1, ", inside (");
  assert.equal(m.pendingOpener[13], 8, "the opening quote: inside {");
  assert.equal(m.pendingOpener[14], 13, "x inside the string");
  assert.equal(m.pendingOpener[15], 13, ") inside the string");
  assert.equal(m.pendingOpener[16], 13, "the closing quote: its opener");
  assert.equal(m.pendingOpener[24], -1, "{ in the comment: nothing open");
});

test("bracketMatches: a closer of the wrong kind or with nothing open is unmatched (−1) and leaves the open bracket open; an unterminated string has no closing quote", () => {
  const m = bracketMatches("}(]x)\n'ab\nc");
  assert.equal(m.matchingOpener[0], -1, "} with nothing open");
  assert.equal(m.matchingOpener[2], -1, "] inside (");
  assert.equal(m.pendingOpener[3], 1, "( still open after the stray ]");
  assert.equal(m.matchingOpener[4], 1);
  assert.deepEqual([...m.matchingOpener.slice(6)], [-2, -2, -2, -2, -2], "no closing quote");
  assert.equal(m.pendingOpener[8], 6, "b is inside the string");
  assert.equal(m.pendingOpener[10], -1, "c after the line's end: nothing open");
});
