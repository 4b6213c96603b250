import { test } from "node:test";
import * as assert from "node:assert/strict";
import { csvCell } from "../../src/util/csvCell";

test("csvCell leaves plain text alone and quotes text with commas, quotes or line breaks (RFC 4180)", () => {
  assert.equal(csvCell("rain"), "rain");
  assert.equal(csvCell("2015-05-27"), "2015-05-27");
  assert.equal(csvCell("a,b"), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell("two\nlines"), '"two\nlines"');
  assert.equal(csvCell("cr\rhere"), '"cr\rhere"');
});
