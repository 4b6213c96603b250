import * as tf from "@tensorflow/tfjs";
import { GrulabGRU } from "./gru";
import { GrulabLSTM } from "./lstm";
import type { RecurrentCell } from "./matchedUnits";
import { GrulabRecurrent } from "./recurrentLayer";
import { GrulabSimpleRNN } from "./simpleRnn";

/** A traced quantity (traces/gateName's GateName: models/ precedes traces/). */
type StepperQuantity = "z" | "r" | "hTilde" | "i" | "f" | "cTilde" | "o" | "c" | "h";

/** One recurrent layer's values over a chunk, each [streams, steps, units] row-major: the quantities of its cell's trace (GRU h, z, r, hTilde; LSTM h, c, i, f, cTilde, o; SimpleRNN h). */
export interface StepperLayerValues {
  layer: string;
  cell: RecurrentCell;
  units: number;
  /** GRU only. */
  resetAfter: boolean;
  values: Partial<Record<StepperQuantity, Float32Array>>;
}

/** What one `step` returns: next-character probabilities [streams, steps, vocab] and, on request, every recurrent layer's values. */
export interface StepperOutput {
  probabilities: Float32Array;
  layers: StepperLayerValues[];
}

const CELL_OF: Record<string, RecurrentCell> = { GRU: "gru", LSTM: "lstm", SimpleRNN: "simpleRnn" };

/**
 * Runs a char LM (a linear stack: layers applied in order, grulab GRU, LSTM or SimpleRNN layers
 * among them) over consecutive chunks of text, carrying every recurrent layer's state (an LSTM's
 * h and c) from one chunk to the next — unlike `model.predict`, which starts each call from a zero
 * state. `streams` texts run side by side (the batch). Internal: readCharLm and sampleText use it.
 * Call `dispose` at the end.
 */
export class CharLmStepper {
  private states: Array<tf.Tensor2D[] | null>;
  readonly vocabSize: number;

  constructor(private readonly model: tf.LayersModel, readonly streams: number) {
    const recurrent = model.layers.filter((l) => l instanceof GrulabRecurrent) as GrulabRecurrent[];
    if (recurrent.length === 0) throw new Error(`char LM "${model.name}": no grulab recurrent layer (build it with buildCharLm)`);
    const backwards = recurrent.find((l) => l.goBackwards);
    if (backwards) throw new Error(`char LM "${model.name}": ${backwards.cell} layer ${backwards.name} runs backwards; reading text left to right needs forward layers`);
    this.states = model.layers.map(() => null);
    const out = model.outputs[0].shape;
    this.vocabSize = out[out.length - 1] as number;
  }

  /** Feeds ids [streams · steps] (stream-major) and returns the outputs; states advance by `steps`. */
  step(ids: Int32Array, steps: number, withStates = false): StepperOutput {
    if (ids.length !== this.streams * steps) throw new Error(`CharLmStepper.step: ${ids.length} ids, expected streams × steps = ${this.streams} × ${steps}`);
    const layers: StepperLayerValues[] = [];
    const next: Array<tf.Tensor2D[] | null> = this.model.layers.map(() => null);
    let probabilities = new Float32Array(0);
    // (tidy returns nothing: a typed array returned from tidy is walked element by element, seconds per call)
    tf.tidy(() => {
      let x: tf.Tensor = tf.tensor2d(ids, [this.streams, steps], "int32");
      // (an LSTM's c may hold the last step alone)
      const lastOf = (s: tf.Tensor3D, units: number) => tf.keep(tf.reshape(tf.slice(s, [0, s.shape[1] - 1, 0], [-1, 1, -1]), [this.streams, units])) as tf.Tensor2D;
      this.model.layers.forEach((layer, i) => {
        if (layer instanceof tf.layers.Layer && layer.getClassName() === "InputLayer") return;
        if (layer instanceof GrulabRecurrent) {
          const cell = CELL_OF[layer.cell];
          let values: Partial<Record<StepperQuantity, tf.Tensor3D>>;
          let finals: tf.Tensor3D[];
          if (layer instanceof GrulabGRU) {
            const seq = layer.runSequence(x as tf.Tensor3D, this.states[i]?.[0] ?? null, false, withStates);
            values = withStates ? { h: seq.h, z: seq.z, r: seq.r, hTilde: seq.hTilde } : { h: seq.h };
            finals = [seq.h];
          } else if (layer instanceof GrulabLSTM) {
            const seq = layer.runSequence(x as tf.Tensor3D, this.states[i], false, withStates, !withStates);
            values = withStates ? { h: seq.h, c: seq.c, i: seq.i, f: seq.f, cTilde: seq.cTilde, o: seq.o } : { h: seq.h, c: seq.c };
            finals = [seq.h, seq.c];
          } else if (layer instanceof GrulabSimpleRNN) {
            const seq = layer.runSequence(x as tf.Tensor3D, this.states[i]);
            values = { h: seq.h };
            finals = [seq.h];
          } else {
            throw new Error(`char LM "${this.model.name}": layer ${layer.name} is a ${layer.cell} layer CharLmStepper cannot run`);
          }
          next[i] = finals.map((s) => lastOf(s, layer.units));
          if (withStates) {
            layers.push({
              layer: layer.name, cell, units: layer.units, resetAfter: layer instanceof GrulabGRU ? layer.resetAfter : false,
              values: Object.fromEntries(Object.entries(values).map(([k, t]) => [k, t!.dataSync() as Float32Array])),
            });
          }
          x = values.h!;
        } else {
          x = layer.apply(x) as tf.Tensor;
        }
      });
      probabilities = x.dataSync() as Float32Array;
    });
    this.states.forEach((s) => s && tf.dispose(s));
    this.states = next;
    return { probabilities, layers };
  }

  dispose(): void {
    this.states.forEach((s) => s && tf.dispose(s));
    this.states = this.states.map(() => null);
  }
}
