import { test } from "node:test";
import * as assert from "node:assert/strict";
import { escapeHtml } from "../../src/util/escapeHtml";
import { scriptJson } from "../../src/export/figureToHtml";

test("escapeHtml turns markup into text", () => {
  assert.equal(escapeHtml(`<img src=x onerror=alert(1)>`), "&lt;img src=x onerror=alert(1)&gt;");
  assert.equal(escapeHtml(`a&b "c" 'd'`), "a&amp;b &quot;c&quot; &#39;d&#39;");
});

test("scriptJson cannot close its script element and parses back to the same value", () => {
  const value = { name: "</script><script>alert(1)</script>", n: [1, 2] };
  const text = scriptJson(value);
  assert.ok(!text.includes("</script>"));
  assert.deepEqual(JSON.parse(text), value);
});
