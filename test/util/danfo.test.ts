import { test } from "node:test";
import * as assert from "node:assert/strict";
import { danfo } from "../../src/util/danfo";

test("danfo() loads the vendored danfojs-node (dist/vendor) once and gives the same module every time", () => {
  const a = danfo();
  assert.equal(danfo(), a);
  const frame = new a.DataFrame([[1, 2], [3, 4]], { columns: ["x", "y"] });
  assert.deepEqual(frame.columns, ["x", "y"]);
  // grulab's own bundle (scripts/bundle-danfo.js), not the devDependency danfojs-node.
  assert.equal(require.cache[require.resolve("../../vendor/danfojs-node")]?.exports, a);
  assert.equal(require.cache[require.resolve("danfojs-node")], undefined);
});
