import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "path";

test("loading the library does not load tslab (it works outside a kernel)", () => {
  const before = Object.keys(require.cache).filter((f) => f.includes(`${path.sep}tslab${path.sep}`));
  assert.deepEqual(before, []);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const grulab = require("../../src/index");
  assert.equal(typeof grulab.showFigure, "function");
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { tslabSink } = require("../../src/notebook/displaySink");
  const after = Object.keys(require.cache).filter((f) => f.includes(`${path.sep}tslab${path.sep}`));
  assert.deepEqual(after, []);
  assert.throws(() => tslabSink().send({ "text/plain": "x" }), /not running inside a tslab kernel/);
});
