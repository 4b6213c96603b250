/** A value flowing between the exported layers: its name in the graph, its rank, and whether time comes first ([time, batch, …]). */
export interface OnnxValue {
  name: string;
  rank: number;
  /** ONNX's recurrent operators read and write [time, batch, …]; values stay time-major between them and are transposed back once at the end. */
  timeMajor: boolean;
}

/** Throws the export's error for a layer or option it cannot write, naming the layer, its class and what to do. */
export function unsupported(layer: string, className: string, what: string): never {
  throw new Error(`exportOnnx: layer "${layer}" (class ${className}): unsupported ${what}`);
}
