import { test } from "node:test";
import * as assert from "node:assert/strict";
import { layerColour } from "../../src/charts/layerColour";

test("layerColour gives distinct colours to the first layers and cycles after eight", () => {
  const first = Array.from({ length: 8 }, (_, i) => layerColour(i));
  assert.equal(new Set(first).size, 8);
  assert.equal(layerColour(8), layerColour(0));
  assert.match(layerColour(3), /^#[0-9a-f]{6}$/);
});
