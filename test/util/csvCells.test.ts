import { test } from "node:test";
import * as assert from "node:assert/strict";
import { csvCell } from "../../src/util/csvCell";
import { csvCells } from "../../src/util/csvCells";

test("csvCells reads back what csvCell wrote: commas, quotes, empty cells, plain text", () => {
  const values = ["rain", "a, b", 'say "hi", then', "", '"', ",", "2015-05-27", "x\"y"];
  const line = values.map(csvCell).join(",");
  assert.deepEqual(csvCells(line, () => "t"), values);
  assert.deepEqual(csvCells("1,2,,3", () => "t"), ["1", "2", "", "3"]);
});

test("csvCells: an unclosed quote is an error naming the place", () => {
  assert.throws(() => csvCells('a,"b,c', () => "x.csv: line 7"), /x\.csv: line 7: a quoted cell is not closed on its line/);
});
