import { test } from "node:test";
import * as assert from "node:assert/strict";
import { plotlyText } from "../../src/charts/plotlyText";

test("plotlyText escapes exactly & < > (the entities plotly decodes) and leaves quotes alone", () => {
  assert.equal(plotlyText(`<img src=x onerror=alert(1)>`), "&lt;img src=x onerror=alert(1)&gt;");
  assert.equal(plotlyText(`a & "b" 'c'`), `a &amp; "b" 'c'`);
  assert.equal(plotlyText("&lt;"), "&amp;lt;", "a literal entity stays literal");
  assert.equal(plotlyText(3), "3");
});
