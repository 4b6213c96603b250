// grulab/onnx: a grulab model leaves grulab as an ONNX file (exportOnnx), and an optional predict
// path runs that file with onnxruntime-node (onnxPredictor). Re-exports only.
import "../util/oneTfjs"; // first: a linked grulab folder would load a second tfjs (this says so, at import)
export { exportOnnx, ONNX_OPSET, type ExportOnnxOptions, type ExportOnnxResult } from "./exportOnnx";
export { onnxPredictor, type OnnxPredictor, type OnnxPredictorOptions } from "./onnxPredictor";
export type { OnnxDim } from "./onnxGraph";
export { onnxPython, type OnnxPython } from "./onnxPython";
