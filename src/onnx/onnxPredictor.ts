import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";

/** The part of onnxruntime-node used here (an optional peer dependency: typed locally, loaded on first use). */
interface OrtTensor { data: Float32Array; dims: readonly number[] }
interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>): Promise<Record<string, OrtTensor>>;
  release(): Promise<void>;
}
interface OrtModule {
  InferenceSession: { create(file: string, options: Record<string, unknown>): Promise<OrtSession> };
  Tensor: new (type: "float32", data: Float32Array, dims: readonly number[]) => OrtTensor;
}

/** Options of `onnxPredictor`. */
export interface OnnxPredictorOptions {
  /** Threads onnxruntime uses inside an operator (intraOpNumThreads), default 2. */
  threads?: number;
}

/** A model exported with `exportOnnx`, run by onnxruntime-node. */
export interface OnnxPredictor {
  /** Runs the model on `x` (the Keras model's input, e.g. [batch, time, features]); resolves with the output as a tf.Tensor (the caller disposes it), as `model.predict` returns. */
  predict(x: tf.Tensor): Promise<tf.Tensor>;
  /** Frees the session. */
  close(): Promise<void>;
  /** The onnxruntime-node version that runs it. */
  readonly version: string;
}

/**
 * Loads an .onnx file (from `exportOnnx`) into onnxruntime-node (an optional peer dependency of
 * grulab: a project installs it when it wants this) and returns a predictor with the same inputs
 * and outputs as the exported model's `predict`. Throws a clear error when onnxruntime-node is not
 * installed (`ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node`: its CPU binaries ship in
 * the npm package, and the skip avoids its install script's download of CUDA providers from NuGet).
 *
 * @example
 * exportOnnx(model, "model.onnx");
 * const ort = await onnxPredictor("model.onnx", { threads: 2 });
 * const y = await ort.predict(x); // ≈ model.predict(x), within 1e-5
 * await ort.close();
 */
export async function onnxPredictor(file: string, options: OnnxPredictorOptions = {}): Promise<OnnxPredictor> {
  const ort = loadOnnxRuntime();
  const target = path.resolve(file);
  let session: OrtSession;
  try {
    session = await ort.module.InferenceSession.create(target, {
      intraOpNumThreads: options.threads ?? 2, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all",
    });
  } catch (e) {
    throw new Error(`onnxPredictor: onnxruntime-node ${ort.version} could not load ${target} (write it with exportOnnx): ${(e as Error).message}`);
  }
  if (session.inputNames.length !== 1 || session.outputNames.length !== 1) {
    await session.release();
    throw new Error(`onnxPredictor: ${file} has inputs [${session.inputNames.join(", ")}] and outputs [${session.outputNames.join(", ")}]; expected one of each (a model from exportOnnx)`);
  }
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  return {
    version: ort.version,
    async predict(x: tf.Tensor): Promise<tf.Tensor> {
      const data = x.dtype === "float32" ? (await x.data()) as Float32Array : Float32Array.from(await x.data() as ArrayLike<number>);
      const result = await session.run({ [input]: new ort.module.Tensor("float32", data, x.shape) });
      const y = result[output];
      return tf.tensor(y.data, [...y.dims], "float32");
    },
    close: () => session.release(),
  };
}

/**
 * onnxruntime-node and its version, or an Error saying how to install it.
 *
 * @example
 * const { version } = loadOnnxRuntime();
 */
export function loadOnnxRuntime(): { module: OrtModule; version: string } {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require("onnxruntime-node") as OrtModule & { env?: { versions?: { node?: string } } };
    return { module, version: module.env?.versions?.node ?? "unknown" };
  } catch (e) {
    throw new Error("onnxPredictor: onnxruntime-node is not installed (an optional peer dependency of grulab): ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node " +
      `(its CPU binaries ship in the npm package; the skip avoids its download of CUDA providers from NuGet). Cause: ${(e as Error).message.split("\n")[0]}`);
  }
}
