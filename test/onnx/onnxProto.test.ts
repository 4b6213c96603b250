// encodeOnnxModel / decodeOnnxModel: the bytes are an ONNX ModelProto that independent readers
// take (onnxruntime; the onnx package's full checker where the project's .venv has it), decode back
// to what was written, and a field ONNX's schema lacks is refused.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { OnnxGraph, floatValueInfo } from "../../src/onnx/onnxGraph";
import { decodeOnnxModel, encodeOnnxModel } from "../../src/onnx/onnxProto";
import { ORT_SKIP, runGraph } from "../support/onnxGraphRun";

function model(): Record<string, unknown> {
  const g = new OnnxGraph();
  const y = g.op("Mul", ["x", g.floats("two", [], Float32Array.of(2))], "y");
  return {
    ir_version: 7, opset_import: [{ domain: "", version: 14 }], producer_name: "grulab test", doc_string: "y = 2x",
    graph: { name: "double", node: g.nodes, initializer: g.initializers, input: [floatValueInfo("x", ["batch", 2])], output: [floatValueInfo(y, ["batch", 2])] },
  };
}

test("encode then decode gives back the fields written (int64 as numbers)", () => {
  const m = decodeOnnxModel(encodeOnnxModel(model())) as Record<string, any>;
  assert.deepEqual([m.ir_version, m.opset_import[0].version, m.opset_import[0].domain ?? "", m.producer_name, m.doc_string], [7, 14, "", "grulab test", "y = 2x"]);
  assert.deepEqual(m.graph.node.map((n: { op_type: string; input: string[]; output: string[] }) => [n.op_type, n.input, n.output]), [["Mul", ["x", "two"], ["y"]]]);
  assert.deepEqual(m.graph.input[0].type.tensor_type.shape.dim, [{ dim_param: "batch" }, { dim_value: 2 }]);
  assert.equal(m.graph.input[0].type.tensor_type.elem_type, 1);
});

test("onnxruntime loads the bytes and runs them", { skip: ORT_SKIP }, async () => {
  const got = await runGraph(encodeOnnxModel(model()), "x", "y", Float32Array.of(1, -2, 0.5, 3), [2, 2]);
  assert.deepEqual(Array.from(got.data), [2, -4, 1, 6]);
});

const python = path.join(__dirname, "../../../.venv/bin/python");
const hasOnnx = fs.existsSync(python) && spawnSync(python, ["-c", "import onnx"]).status === 0;

test("the onnx package's full checker accepts the bytes", { skip: hasOnnx ? false : "no .venv with the onnx package here" }, () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-onnxproto-")), "double.onnx");
  fs.writeFileSync(file, encodeOnnxModel(model()));
  const r = spawnSync(python, ["-c", "import onnx, sys; m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True); print(m.graph.node[0].op_type)", file], { encoding: "utf8" });
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), "Mul");
});

test("a field ONNX's schema does not have, or a wrongly typed one, is refused", () => {
  assert.throws(() => encodeOnnxModel({ ...model(), ir_version: "seven" }), /^Error: exportOnnx: internal error, the ModelProto does not fit ONNX's schema: ir_version: integer\|Long expected/);
  assert.throws(() => encodeOnnxModel({ ...model(), graph: { ...(model().graph as object), node: [{ op_type: 5 }] } }), { message: "exportOnnx: internal error, the ModelProto does not fit ONNX's schema: graph.node.op_type: string expected" });
});
