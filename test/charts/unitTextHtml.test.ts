import { test } from "node:test";
import * as assert from "node:assert/strict";
import { unitTextHtml } from "../../src/studies/index";

test("unitTextHtml colours each character by its value (blue high, red low, white at the middle) and escapes the text", () => {
  const html = unitTextHtml("<a\n", [1, -1, 0], { title: "unit 3 & more" });
  const spans = [...html.matchAll(/<span style="background:([^;]+);[^"]*" title="([^"]+)">([^<]*)<\/span>/g)];
  assert.deepEqual(spans.map((m) => [m[1], m[2], m[3]]), [
    ["rgb(33,102,172)", "1.000", "&lt;"],
    ["rgb(178,24,43)", "-1.000", "a"],
    ["rgb(255,255,255)", "0.000", " \n"],
  ]);
  assert.match(html, /unit 3 &amp; more/);
  // a custom range: 0.5 is the middle of [0, 1]
  assert.match(unitTextHtml("x", [0.5], { range: [0, 1] }), /background:rgb\(255,255,255\)/);
  assert.throws(() => unitTextHtml("ab", [1]), /2 characters but 1 values/);
});
