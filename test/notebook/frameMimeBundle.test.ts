import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as dfd from "danfojs-node";
import { frameMimeBundle, isFrame } from "../../src/notebook/frameMimeBundle";

test("a short DataFrame: every row in HTML and text, numbers formatted, text escaped, the size below", () => {
  const df = new dfd.DataFrame({ run: ["gru", "<lstm>"], accuracy: [0.712345, 0.69], epochs: [12, 30] });
  assert.ok(isFrame(df));
  const b = frameMimeBundle(df);
  const html = b["text/html"] as string;
  assert.match(html, /<thead><tr><th><\/th><th>run<\/th><th>accuracy<\/th><th>epochs<\/th><\/tr><\/thead>/);
  assert.match(html, /<tr><th>0<\/th><td>gru<\/td><td style="text-align:right">0\.7123<\/td><td style="text-align:right">12<\/td><\/tr>/);
  assert.match(html, /<td>&lt;lstm&gt;<\/td>/);
  assert.match(html, /2 rows × 3 columns<\/p>$/);
  assert.equal(b["text/plain"], [
    "   run     accuracy  epochs",
    "0  gru       0.7123      12",
    "1  <lstm>      0.69      30",
    "[2 rows × 3 columns]",
  ].join("\n"));
});

test("a long DataFrame shows its first and last rows, a … row between, and the row count", () => {
  const n = 45;
  const df = new dfd.DataFrame({ epoch: Array.from({ length: n }, (_, i) => i + 1), loss: Array.from({ length: n }, (_, i) => 1 / (i + 1)) });
  const b = frameMimeBundle(df, { maxRows: 6 });
  const html = b["text/html"] as string;
  const bodyRows = html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>")).match(/<tr>/g) ?? [];
  assert.equal(bodyRows.length, 7, "3 head + … + 3 tail");
  assert.match(html, /<tr><th>2<\/th><td style="text-align:right">3<\/td>/);
  assert.match(html, /<tr><th>…<\/th><td>…<\/td><td>…<\/td><\/tr>/);
  assert.match(html, /<tr><th>44<\/th><td style="text-align:right">45<\/td><td style="text-align:right">0\.02222<\/td><\/tr>/);
  assert.ok(!html.includes("<th>3</th>") && !html.includes("<th>41</th>"));
  assert.match(html, /45 rows × 2 columns \(first 3 and last 3 shown\)/);
  const lines = (b["text/plain"] as string).split("\n");
  assert.equal(lines.length, 1 + 7 + 1);
  assert.match(lines[4], /^…\s+…\s+…$/);
  assert.equal(lines[8], "[45 rows × 2 columns]");
  assert.throws(() => frameMimeBundle(df, { maxRows: 1 }), /show: option maxRows expects an integer ≥ 2, got 1/);
});

test("a Series: one column under its name, NaN as —", () => {
  const s = new dfd.Series([1.5, NaN, 3], { columns: ["val_loss"] });
  const b = frameMimeBundle(s);
  assert.match(b["text/html"] as string, /<th>val_loss<\/th>/);
  assert.match(b["text/html"] as string, /<tr><th>1<\/th><td style="text-align:right">—<\/td><\/tr>/);
  assert.match(b["text/plain"] as string, /\[3 rows\]$/);
  assert.equal(isFrame({ shape: [1], columns: [], index: [], values: [] }), false, "plain objects are not frames");
});
