import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as dfd from "danfojs-node";
import type { Figure } from "../../src/charts/figure";
import { comparisonMimeBundle, isComparison } from "../../src/notebook/comparisonMimeBundle";

const figure: Figure = { data: [{ type: "scatter", name: "a <b>", x: [1, 2], y: [0.5, 0.25] }], layout: { title: { text: "Loss curves: a" } } };

test("isComparison takes rows + figure + a DataFrame table, nothing less", () => {
  const table = new dfd.DataFrame({ run: ["a"], test_loss: [0.25] });
  assert.equal(isComparison({ rows: [], figure, table }), true);
  assert.equal(isComparison({ rows: [], figure, table: { shape: [1, 2] } }), false, "a table that is not a frame");
  assert.equal(isComparison({ rows: [], table }), false, "no figure");
  assert.equal(isComparison({ figure, table }), false, "no rows");
  assert.equal(isComparison(null), false);
});

test("a comparison output: the table's HTML then the figure's, escaped; text: the text table then the figure's line", () => {
  const table = new dfd.DataFrame({ run: ["a <b>", "c"], test_loss: [0.25, 0.5] });
  const bundle = comparisonMimeBundle({ rows: [{}, {}], figure, table }, "cmp-1", { height: 300 });
  assert.deepEqual(Object.keys(bundle).sort(), ["text/html", "text/plain"]);
  const html = bundle["text/html"] as string;
  assert.match(html, /^<div class="grulab-comparison">\n<table class="grulab-table">/);
  assert.match(html, /<td>a &lt;b&gt;<\/td><td style="text-align:right">0\.25<\/td>/);
  assert.ok(html.indexOf("</table>") < html.indexOf('<div id="cmp-1" class="grulab-figure" style="width:100%;min-height:300px">'));
  assert.doesNotMatch(html, /<b>/, "no markup from the data");
  assert.deepEqual(JSON.parse(/var figure = (.*);\n/.exec(html)![1]).data[0].y, [0.5, 0.25]);
  assert.equal(bundle["text/plain"], [
    "   run    test_loss",
    "0  a <b>       0.25",
    "1  c            0.5",
    "[2 rows × 2 columns]",
    "plotly figure: Loss curves: a (1 traces)",
  ].join("\n"));
});

test("the table's maxRows applies inside a comparison", () => {
  const table = new dfd.DataFrame({ run: ["r1", "r2", "r3", "r4", "r5"], test_loss: [1, 2, 3, 4, 5] });
  const text = comparisonMimeBundle({ rows: [], figure, table }, "cmp-2", { maxRows: 2 })["text/plain"] as string;
  assert.equal(text.split("\n").slice(0, 4).join("\n"), ["   run  test_loss", "0  r1           1", "…  …            …", "4  r5           5"].join("\n"));
  assert.doesNotMatch(text, /r3/);
});
