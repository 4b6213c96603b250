// OnnxGraph and floatValueInfo: unique names, initializers and attributes of every kind, checked
// by running graphs in onnxruntime (an independent reader of the bytes) and by decoding them.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { OnnxGraph } from "../../src/onnx/onnxGraph";
import { decodeOnnxModel } from "../../src/onnx/onnxProto";
import { graphModel, ORT_SKIP, runGraph } from "../support/onnxGraphRun";

test("names: unsafe characters become _, a taken name gets _1, _2; reserve refuses a taken name", () => {
  const g = new OnnxGraph();
  assert.deepEqual([g.name("gru 1/W:0"), g.name("gru 1/W:0"), g.name("gru_1/W_0"), g.name("a.b-c")], ["gru_1/W_0", "gru_1/W_0_1", "gru_1/W_0_2", "a.b-c"]);
  assert.equal(g.reserve("input"), "input");
  assert.throws(() => g.reserve("input"), { message: "exportOnnx: internal error, the name input is taken" });
  assert.throws(() => g.floats("w", [2, 3], new Float32Array(5)), { message: "exportOnnx: internal error, w has 5 values for shape [2, 3]" });
});

test("float and int64 initializers, int, float, ints and string attributes, and two outputs are read by onnxruntime as meant", { skip: ORT_SKIP }, async () => {
  const g = new OnnxGraph();
  g.reserve("x");
  // x [batch, 3] → + [1, 2, 3] → Transpose (ints) → HardSigmoid (floats alpha, beta) → Gather index 1 (int64 scalar, int axis) → Split into 2 + 1 rows
  const added = g.op("Add", ["x", g.floats("bias", [3], Float32Array.of(1, 2, 3))], "add");
  const t = g.op("Transpose", [added], "t", { perm: [1, 0] });
  const hs = g.op("HardSigmoid", [t], "hs", { alpha: 0.25, beta: 0.5 }, ["alpha", "beta"]);
  const row = g.op("Gather", [hs, g.int64s("index", [], [1])], "row", { axis: 0 });
  const [first, second] = g.node("Split", [row, g.int64s("sizes", [2], [1n, 1n])], "halves", { axis: 0 }, { outputs: 2 });
  assert.deepEqual([first, second], ["halves_0", "halves_1"]);
  const y = g.op("Concat", [second, first], "y", { axis: 0 });
  const bytes = graphModel(g, "x", ["batch", 3], y, [2]);
  const x = Float32Array.of(-4, 0.5, 2, 1, -6, 0);
  const hard = (v: number) => Math.min(1, Math.max(0, 0.25 * v + 0.5));
  const got = await runGraph(bytes, "x", y, x, [2, 3]); // column 1 of x + bias, i.e. x[:, 1] + 2
  assert.deepEqual(Array.from(got.data), [hard(-6 + 2), hard(0.5 + 2)]);
});

test("floatValueInfo: a dim given by a name takes any size, a number only that size", { skip: ORT_SKIP }, async () => {
  const g = new OnnxGraph();
  const y = g.op("Neg", ["x"], "y");
  const bytes = graphModel(g, "x", ["batch", 2], y, ["batch", 2]);
  for (const rows of [1, 4]) assert.deepEqual((await runGraph(bytes, "x", y, new Float32Array(2 * rows).fill(1), [rows, 2])).dims, [rows, 2]);
  await assert.rejects(runGraph(bytes, "x", y, new Float32Array(3), [1, 3]), /index: 1 Got: 3 Expected: 2/);
});

test("attributes decode with ONNX's attribute types (FLOAT 1, INT 2, STRING 3, FLOATS 6, INTS 7, STRINGS 8) and initializers with their data types", () => {
  const g = new OnnxGraph();
  g.op("Op", ["a"], "n", { f: 0.5, i: 3, s: "forward", fs: [0.2, 0.5], is: [1, 0, 2], ss: ["Tanh", "Sigmoid"] }, ["f", "fs"]);
  g.int64s("k", [2], [-1, 2n ** 40n]);
  g.floats("w", [2], Float32Array.of(1.5, -2));
  const model = decodeOnnxModel(graphModel(g, "a", [1], "n", [1])) as { graph: { node: { attribute: Record<string, unknown>[] }[]; initializer: { name: string; data_type: number; dims: number[]; raw_data: Uint8Array }[] } };
  const attrs = Object.fromEntries(model.graph.node[0].attribute.map((a) => [a.name as string, a]));
  assert.deepEqual([attrs.f.type, attrs.f.f, attrs.i.type, attrs.i.i, attrs.s.type, Buffer.from(attrs.s.s as Uint8Array).toString()], [1, 0.5, 2, 3, 3, "forward"]);
  assert.deepEqual([attrs.fs.type, (attrs.fs.floats as number[]).map((v) => Math.fround(v)), attrs.is.type, attrs.is.ints], [6, [Math.fround(0.2), 0.5], 7, [1, 0, 2]]);
  assert.deepEqual([attrs.ss.type, (attrs.ss.strings as Uint8Array[]).map((b) => Buffer.from(b).toString())], [8, ["Tanh", "Sigmoid"]]);
  const [k, w] = model.graph.initializer;
  assert.deepEqual([k.name, k.data_type, k.dims], ["k", 7, [2]]);
  const raw = Buffer.from(k.raw_data);
  assert.deepEqual([raw.readBigInt64LE(0), raw.readBigInt64LE(8)], [-1n, 2n ** 40n]); // little-endian, as ONNX requires
  assert.deepEqual([w.data_type, Buffer.from(w.raw_data).readFloatLE(0), Buffer.from(w.raw_data).readFloatLE(4)], [1, 1.5, -2]);
});
