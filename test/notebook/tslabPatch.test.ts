import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { patchConverterSource, patchTslabConverter } from "../../src/notebook/tslabPatch";

const TSLAB = path.dirname(require.resolve("tslab/package.json"));
const CONVERTER = path.join(TSLAB, "dist", "converter.js");

interface Converter {
  convert(prevDecl: string, src: string): { output?: string; declOutput?: string; diagnostics: { message: string }[] };
  close(): void;
}

test("patchConverterSource applies both edits to tslab 1.0.22's converter once, and refuses code it does not know", () => {
  const original = fs.readFileSync(CONVERTER, "utf8");
  const r = patchConverterSource(original);
  assert.ok("source" in r);
  assert.match(r.source, /getShorthandAssignmentValueSymbol/);
  assert.match(r.source, /if \(!symbol\.exportSymbol\)/);
  const again = patchConverterSource(r.source);
  assert.ok("source" in again && again.source === r.source, "patching twice changes nothing");
  const other = patchConverterSource(original.replace("function wrapPrevIdentifier(node) {", "function wrapPrev(node) {"));
  assert.ok("reason" in other);
  assert.match(other.reason, /shorthand properties.*not found once in tslab's converter\.js/);
});

test("tslab's converter, patched in memory, rewrites names of earlier cells in every idiom (and the file on disk is unchanged)", () => {
  const before = fs.readFileSync(CONVERTER, "utf8");
  const r = patchTslabConverter(TSLAB);
  assert.equal(r.patched, true, r.reason);
  assert.equal(r.version, "1.0.22");
  assert.equal(fs.readFileSync(CONVERTER, "utf8"), before);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createConverter } = require(CONVERTER) as { createConverter(): Converter };
  const conv = createConverter();
  try {
    const first = conv.convert("", "const T = 1; let p = 0, q = 0; let w = 5;");
    assert.deepEqual(first.diagnostics, []);
    const js = (src: string) => {
      const c = conv.convert(first.declOutput ?? "", src);
      assert.deepEqual(c.diagnostics.map((d) => d.message), [], src);
      return (c.output ?? "").replace(/\s+/g, " ");
    };
    assert.match(js("console.log({ T })"), /console\.log\(\{ T: exports\.T \}\)/);
    assert.match(js("const f = () => ({ T });"), /\(\{ T: exports\.T \}\)/);
    assert.match(js("({ p, q } = { p: 1, q: 2 });"), /\{ p: exports\.p, q: exports\.q \} = \{ p: 1, q: 2 \}/);
    assert.match(js("({ w = 7 } = {});"), /\{ w: exports\.w = 7 \} = \{\}/);
    // A name of the same cell stays as it is; so does a property that only looks like one.
    assert.match(js("const V = 2; console.log({ V, T: 3 });"), /\{ V, T: 3 \}/);
    // The cell's own export is not exported a second time.
    js("export const E = 3;");
  } finally {
    conv.close();
  }
});
