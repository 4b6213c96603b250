import { test } from "node:test";
import * as assert from "node:assert/strict";
import { ownEntry } from "../../src/util/ownEntry";

test("ownEntry gives a table's own entries and nothing inherited from Object.prototype", () => {
  const table: Record<string, number> = { tanh: 1, relu: 0 };
  assert.equal(ownEntry(table, "tanh"), 1);
  assert.equal(ownEntry(table, "relu"), 0);
  for (const inherited of ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"]) {
    assert.ok(table[inherited] !== undefined, `${inherited} is reachable by plain indexing`);
    assert.equal(ownEntry(table, inherited), undefined, inherited);
  }
  assert.equal(ownEntry(table, "gelu"), undefined);
});
