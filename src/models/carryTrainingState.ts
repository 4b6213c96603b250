import type * as tf from "@tensorflow/tfjs";
import { GrulabRecurrent } from "./recurrentLayer";

/**
 * Turns truncated BPTT with the state carried on (or off) for every grulab recurrent layer of a
 * model (`GrulabRecurrent.carryTrainingState`): each training batch then starts from the final
 * states of the previous one, row by row, with no gradient through the boundary. Every call
 * starts again from zero states, so call it at the start of each epoch (`train`'s
 * `onEpochStart`). Returns the layers; throws when the model has none.
 *
 * @example
 * await run.fit(model, streamWindows(ids, { streams: 64, timesteps: 100 }), { batchSize: 64, shuffle: false, onEpochStart: () => carryTrainingState(model, true) });
 */
export function carryTrainingState(model: tf.LayersModel, on: boolean): GrulabRecurrent[] {
  const layers = model.layers.filter((l) => l instanceof GrulabRecurrent) as GrulabRecurrent[];
  if (layers.length === 0) throw new Error(`carryTrainingState: model "${model.name}" has no grulab recurrent layer (GRU, LSTM or SimpleRNN from grulab)`);
  for (const l of layers) l.carryTrainingState(on);
  return layers;
}
