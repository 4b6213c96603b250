import { test } from "node:test";
import * as assert from "node:assert/strict";
import { helpText, parseTutorialArgs } from "../../src/index";

test("parseTutorialArgs: --gru picks grulab or tfjs, --gru-implementation the grulab sequence code; mistakes name the option", () => {
  assert.deepEqual(parseTutorialArgs(["--gru", "grulab", "--gru-implementation", "reference"]), { gru: "grulab", gruImplementation: "reference" });
  assert.deepEqual(parseTutorialArgs(["--gru=tfjs"]), { gru: "tfjs" });
  assert.throws(() => parseTutorialArgs(["--gru", "keras"]), /option --gru expects grulab or tfjs, got "keras"/);
  assert.throws(() => parseTutorialArgs(["--gru-implementation", "fast"]), /option --gru-implementation expects one of reference, fused, auto, got "fast"/);
  assert.match(helpText(), /--gru NAME\s+GRU layer: grulab .*\| tfjs[\s\S]*\(default grulab\)/);
  assert.match(helpText(), /--gru-implementation NAME[\s\S]*reference \| fused \| auto \(default auto\)/);
});
