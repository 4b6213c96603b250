import { test } from "node:test";
import * as assert from "node:assert/strict";
import { htmlTable } from "../../src/util/htmlTable";

test("htmlTable: escaped header and cells, formatted right-aligned numbers, a … row for a gap, an optional index", () => {
  const html = htmlTable(["<b>run</b>", "acc"], [["a&b", 0.712345], null, ["c", NaN]], { index: [0, null, 9] });
  assert.match(html, /<thead><tr><th><\/th><th>&lt;b&gt;run&lt;\/b&gt;<\/th><th>acc<\/th><\/tr><\/thead>/);
  assert.match(html, /<tr><th>0<\/th><td>a&amp;b<\/td><td style="text-align:right">0\.7123<\/td><\/tr>/);
  assert.match(html, /<tr><th>…<\/th><td>…<\/td><td>…<\/td><\/tr>/);
  assert.match(html, /<tr><th>9<\/th><td>c<\/td><td style="text-align:right">—<\/td><\/tr>/);
  assert.equal((html.match(/<tr>/g) ?? []).length, 4);
});
