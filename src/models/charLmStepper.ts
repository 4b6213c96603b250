import * as tf from "@tensorflow/tfjs";
import { GrulabGRU } from "./gru";

/** One GRU layer's values over a chunk, each [streams, steps, units] row-major. */
export interface StepperLayerValues {
  layer: string;
  units: number;
  resetAfter: boolean;
  h: Float32Array;
  z: Float32Array;
  r: Float32Array;
  hTilde: Float32Array;
}

/** What one `step` returns: next-character probabilities [streams, steps, vocab] and, on request, every GRU layer's values. */
export interface StepperOutput {
  probabilities: Float32Array;
  layers: StepperLayerValues[];
}

/**
 * Runs a char LM (a linear stack: layers applied in order, grulab GRU layers among them) over
 * consecutive chunks of text, carrying every GRU layer's state from one chunk to the next —
 * unlike `model.predict`, which starts each call from a zero state. `streams` texts run side by
 * side (the batch). Internal: readCharLm and sampleText use it. Call `dispose` at the end.
 */
export class CharLmStepper {
  private states: Array<tf.Tensor2D | null>;
  readonly vocabSize: number;

  constructor(private readonly model: tf.LayersModel, readonly streams: number) {
    const grus = model.layers.filter((l) => l instanceof GrulabGRU) as GrulabGRU[];
    if (grus.length === 0) throw new Error(`char LM "${model.name}": no grulab GRU layer (build it with buildCharLm)`);
    const backwards = grus.find((l) => l.goBackwards);
    if (backwards) throw new Error(`char LM "${model.name}": GRU layer ${backwards.name} runs backwards; reading text left to right needs forward layers`);
    this.states = model.layers.map(() => null);
    const out = model.outputs[0].shape;
    this.vocabSize = out[out.length - 1] as number;
  }

  /** Feeds ids [streams · steps] (stream-major) and returns the outputs; states advance by `steps`. */
  step(ids: Int32Array, steps: number, withStates = false): StepperOutput {
    if (ids.length !== this.streams * steps) throw new Error(`CharLmStepper.step: ${ids.length} ids, expected streams × steps = ${this.streams} × ${steps}`);
    const layers: StepperLayerValues[] = [];
    const next: Array<tf.Tensor2D | null> = this.model.layers.map(() => null);
    const probabilities = tf.tidy(() => {
      let x: tf.Tensor = tf.tensor2d(ids, [this.streams, steps], "int32");
      this.model.layers.forEach((layer, i) => {
        if (layer instanceof tf.layers.Layer && layer.getClassName() === "InputLayer") return;
        if (layer instanceof GrulabGRU) {
          const seq = layer.runSequence(x as tf.Tensor3D, this.states[i]);
          next[i] = tf.keep(tf.reshape(tf.slice(seq.h, [0, steps - 1, 0], [-1, 1, -1]), [this.streams, layer.units])) as tf.Tensor2D;
          if (withStates) layers.push({ layer: layer.name, units: layer.units, resetAfter: layer.resetAfter, h: seq.h.dataSync() as Float32Array, z: seq.z.dataSync() as Float32Array, r: seq.r.dataSync() as Float32Array, hTilde: seq.hTilde.dataSync() as Float32Array });
          x = seq.h;
        } else {
          x = layer.apply(x) as tf.Tensor;
        }
      });
      return x.dataSync() as Float32Array;
    });
    this.states.forEach((s) => s?.dispose());
    this.states = next;
    return { probabilities, layers };
  }

  dispose(): void {
    this.states.forEach((s) => s?.dispose());
    this.states = this.states.map(() => null);
  }
}
