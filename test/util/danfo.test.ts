import { test } from "node:test";
import * as assert from "node:assert/strict";
import { danfo } from "../../src/util/danfo";

test("danfo() loads danfojs-node once and gives the same module every time", () => {
  const a = danfo();
  assert.equal(danfo(), a);
  const frame = new a.DataFrame([[1, 2], [3, 4]], { columns: ["x", "y"] });
  assert.deepEqual(frame.columns, ["x", "y"]);
  assert.equal(require.cache[require.resolve("danfojs-node")]?.exports, a);
});
