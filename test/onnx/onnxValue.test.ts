// unsupported: the export's one error shape for what it cannot write.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { unsupported } from "../../src/onnx/onnxValue";

test("unsupported throws an Error naming the layer, its class and what is unsupported", () => {
  assert.throws(() => unsupported("conv_1", "Conv1D", "layer class (exported: Dense, GRU)"),
    (e: unknown) => e instanceof Error && e.message === 'exportOnnx: layer "conv_1" (class Conv1D): unsupported layer class (exported: Dense, GRU)');
});
