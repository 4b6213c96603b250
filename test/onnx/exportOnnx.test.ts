import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { gru, initBackend } from "../../src/index";
import { exportOnnx } from "../../src/onnx/index";
import { loadOnnxRuntime } from "../../src/onnx/onnxPredictor";
import { decodeOnnxModel } from "../../src/onnx/onnxProto";
import { maxAbsDiff } from "../support/float64Gru";
import { onnxCases, type OnnxCase } from "./onnxCases";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-onnx-"));
let cases: OnnxCase[] = [];
before(async () => {
  await initBackend("cpu");
  cases = onnxCases();
});
after(() => {
  for (const c of cases) { c.model.dispose(); c.x.dispose(); }
  fs.rmSync(dir, { recursive: true, force: true });
});

/** onnxruntime-node, or why the parity test skips. */
function ortOrReason(): { ort: ReturnType<typeof loadOnnxRuntime> } | { reason: string } {
  try {
    return { ort: loadOnnxRuntime() };
  } catch (e) {
    return { reason: `onnxruntime-node is not installed here (${(e as Error).message.split(". Cause")[0]})` };
  }
}
const runtime = ortOrReason();

test("every case exports to a file that decodes to an ONNX ModelProto (opset 14, named input and output, weights as initializers)", () => {
  const tensorsBefore = tf.memory().numTensors;
  for (const c of cases) {
    const file = path.join(dir, `${c.name}.onnx`);
    const result = exportOnnx(c.model, file);
    assert.equal(result.file, file);
    assert.equal(fs.statSync(file).size, result.bytes);
    const proto = decodeOnnxModel(fs.readFileSync(file)) as { ir_version: number; opset_import: { version: number }[]; graph: {
      input: { name: string }[]; output: { name: string }[]; initializer: { raw_data: Uint8Array; data_type: number }[]; node: { op_type: string }[] } };
    assert.equal(proto.ir_version, 7);
    assert.equal(proto.opset_import[0].version, 14);
    assert.deepEqual(proto.graph.input.map((v) => v.name), ["input"]);
    assert.deepEqual(proto.graph.output.map((v) => v.name), ["output"]);
    // Every float weight of the model is in the file (the one-hot layer's [0, 1] values and the int64 constants come on top).
    const floats = proto.graph.initializer.filter((t) => t.data_type === 1).reduce((n, t) => n + t.raw_data.length / 4, 0);
    const params = c.model.countParams();
    assert.ok(floats >= params, `${c.name}: ${floats} float values in the file, ${params} parameters in the model`);
    assert.deepEqual(proto.graph.node.map((n) => n.op_type), result.operators);
  }
  assert.equal(tf.memory().numTensors, tensorsBefore, "exportOnnx leaves no tensor behind");
  // No temporary file is left beside the outputs.
  assert.deepEqual(fs.readdirSync(dir).filter((f) => !f.endsWith(".onnx")), []);
});

test("onnxruntime-node predicts what model.predict does, within 1e-5, for every case", { skip: "reason" in runtime ? runtime.reason : false }, async () => {
  if (!("ort" in runtime)) return;
  const { module: ort } = runtime.ort;
  const worst: string[] = [];
  for (const c of cases) {
    const file = path.join(dir, `${c.name}.onnx`);
    exportOnnx(c.model, file);
    const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1 });
    const x = await c.x.data() as Float32Array;
    const out = (await session.run({ input: new ort.Tensor("float32", Float32Array.from(x), c.x.shape) })).output;
    await session.release();
    const expected = c.model.predict(c.x) as tf.Tensor;
    assert.deepEqual([...out.dims], expected.shape, `${c.name}: output shape`);
    const diff = maxAbsDiff(out.data, expected.dataSync());
    expected.dispose();
    worst.push(`${c.name} ${diff.toExponential(1)}`);
    assert.ok(diff <= 1e-5, `${c.name}: max |onnxruntime − grulab| = ${diff}`);
  }
  console.log(`# onnxruntime-node ${runtime.ort.version} vs model.predict, max abs diff: ${worst.join(", ")}`);
});

test("an unsupported layer is an error naming the layer, its class and what is exported; nothing is written", () => {
  const file = path.join(dir, "refused.onnx");
  const conv = tf.sequential({ layers: [tf.layers.conv1d({ name: "my_conv", filters: 2, kernelSize: 2, inputShape: [5, 3] })] });
  assert.throws(() => exportOnnx(conv, file), /exportOnnx: layer "my_conv" \(class Conv1D\): unsupported layer; exported layers: GrulabGRU, GrulabLSTM/);
  const tfjsGru = tf.sequential({ layers: [tf.layers.gru({ name: "tfjs_gru", units: 2, inputShape: [5, 3] })] });
  assert.throws(() => exportOnnx(tfjsGru, file), /layer "tfjs_gru" \(class GRU\): unsupported layer: tfjs's own GRU; build the model with grulab's gru\(\{ resetAfter: false/);
  const selu = tf.sequential({ layers: [gru({ name: "selu_gru", units: 2, activation: "selu", inputShape: [5, 3] })] });
  assert.throws(() => exportOnnx(selu, file), /layer "selu_gru" \(class GrulabGRU\): unsupported activation: "selu" \(ONNX's GRU takes tanh, sigmoid/);
  const gelu = tf.sequential({ layers: [tf.layers.dense({ name: "d", units: 2, inputShape: [3] }), tf.layers.activation({ name: "act", activation: "gelu" })] });
  assert.throws(() => exportOnnx(gelu, file), /layer "act" \(class Activation\): unsupported activation: "gelu"/);
  const input = tf.input({ shape: [5, 3] });
  const a = tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor;
  const b = tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor;
  const branched = tf.model({ inputs: input, outputs: tf.layers.add({ name: "join" }).apply([a, b]) as tf.SymbolicTensor });
  assert.throws(() => exportOnnx(branched, file), /layer "dense_\w+" \(class Dense\) is not fed by|layer "join" \(class Add\) is not fed by/);
  assert.throws(() => exportOnnx({} as tf.LayersModel, file), /exportOnnx: expected a tf.LayersModel/);
  assert.equal(fs.existsSync(file), false);
  for (const m of [conv, tfjsGru, selu, gelu, branched]) m.dispose();
});

// The Python side (src/onnx/grulab_onnx.py): onnxruntime and onnx from the project's .venv
// (jupyter/requirements.txt), PyTorch from Debian's python3-torch (bash bench/install-torch.sh).
const ROOT = path.resolve(__dirname, "..", "..", "..");
const PY_SCRIPT = path.join(ROOT, "src", "onnx", "grulab_onnx.py");
const VENV_PYTHON = path.join(ROOT, ".venv", "bin", "python");
const TORCH_PYTHON = process.env.GRULAB_PYTHON || "/usr/bin/python3";
const importable = (python: string, modules: string) =>
  fs.existsSync(python) && spawnSync(python, ["-c", `import ${modules}`], { encoding: "utf8" }).status === 0;
const venvSkip = importable(VENV_PYTHON, "onnxruntime, onnx, numpy") ? false
  : `${VENV_PYTHON} cannot import onnxruntime, onnx and numpy (bash scripts/venv.sh installs jupyter/requirements.txt)`;
const torchSkip = importable(TORCH_PYTHON, "torch") ? false : `${TORCH_PYTHON} cannot import torch (bash bench/install-torch.sh installs Debian's python3-torch)`;

interface PythonResult { output: number[]; shape: number[]; onnxruntime?: string; onnx?: string; torch?: string; error?: string }
let onnxruntimeRun: { files: { result: string; input: string }[]; results: PythonResult[] } | null = null;

/** Runs grulab_onnx.py's onnxruntime command once for every case (one Python start); returns the files and the parsed results. */
function pythonOnnxruntime(): NonNullable<typeof onnxruntimeRun> {
  if (onnxruntimeRun) return onnxruntimeRun;
  const files = cases.map((c) => {
    const model = path.join(dir, `${c.name}.onnx`);
    exportOnnx(c.model, model);
    const input = path.join(dir, `${c.name}.input.json`);
    fs.writeFileSync(input, JSON.stringify({ x: Array.from(c.x.dataSync()), shape: c.x.shape }));
    return { model, input, result: path.join(dir, `${c.name}.onnxruntime.json`) };
  });
  const run = spawnSync(VENV_PYTHON, [PY_SCRIPT, "onnxruntime", ...files.flatMap((f) => [f.model, f.input, f.result])], { encoding: "utf8" });
  assert.equal(run.status, 0, `grulab_onnx.py onnxruntime failed: ${run.stderr}`);
  onnxruntimeRun = { files, results: files.map((f) => JSON.parse(fs.readFileSync(f.result, "utf8")) as PythonResult) };
  return onnxruntimeRun;
}

/** Asserts `result` has model.predict's shape and values within 1e-5; returns "name diff". */
function checkAgainstPredict(c: OnnxCase, result: PythonResult, peer: string): string {
  const expected = c.model.predict(c.x) as tf.Tensor;
  assert.deepEqual(result.shape, expected.shape, `${c.name}: output shape`);
  const diff = maxAbsDiff(result.output, expected.dataSync());
  expected.dispose();
  assert.ok(diff <= 1e-5, `${c.name}: max |${peer} − grulab| = ${diff}`);
  return `${c.name} ${diff.toExponential(1)}`;
}

test("Python's onnxruntime (and onnx.checker) accept every file and predict what model.predict does, within 1e-5", { skip: venvSkip }, () => {
  const { results } = pythonOnnxruntime();
  const worst = cases.map((c, i) => checkAgainstPredict(c, results[i], "onnxruntime (Python)"));
  console.log(`# Python onnxruntime ${results[0].onnxruntime}, onnx ${results[0].onnx} vs model.predict, max abs diff: ${worst.join(", ")}`);
});

test("PyTorch's nn.GRU / nn.LSTM / nn.RNN loaded with the file's weights predict what model.predict does, within 1e-5; what PyTorch cannot hold is refused by name",
  { skip: venvSkip || torchSkip }, () => {
    const { files } = pythonOnnxruntime();
    const run = spawnSync(TORCH_PYTHON, [PY_SCRIPT, "torch", ...files.flatMap((f) => [f.result, f.input])], { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } });
    assert.equal(run.status, 0, `grulab_onnx.py torch failed: ${run.stderr}`);
    const results = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as PythonResult);
    assert.equal(results.length, cases.length);
    const worst: string[] = [];
    cases.forEach((c, i) => {
      if (!c.torch) {
        assert.match(results[i].error ?? "", /node .*(linear_before_reset 0|activations \[)/, `${c.name}: PyTorch should refuse it by name`);
        return;
      }
      assert.equal(results[i].error, undefined, c.name);
      worst.push(checkAgainstPredict(c, results[i], "PyTorch"));
    });
    assert.ok(worst.length >= 5, "at least five cases ran through PyTorch");
    console.log(`# PyTorch ${results.find((r) => r.torch)?.torch} (weights from the .onnx file) vs model.predict, max abs diff: ${worst.join(", ")}`);
  });
