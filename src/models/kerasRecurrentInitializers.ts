import * as tf from "@tensorflow/tfjs";
import { orthogonalInitializer } from "./orthogonalInitializer";

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/**
 * The initializers of a Keras recurrent layer (GRU, LSTM, SimpleRNN), seeded: Glorot-uniform
 * `kernelInitializer` with `seed`, orthogonal `recurrentInitializer` with `seed + 1`. tfjs's
 * defaults differ (glorotNormal kernels) and its orthogonal takes seconds to minutes (QR on
 * the backend): `orthogonalInitializer` computes it in JS. Same seed, same weights.
 *
 * @example
 * gru({ units: 32, ...kerasRecurrentInitializers(42), inputShape: [24, 3] });
 */
export function kerasRecurrentInitializers(seed: number): { kernelInitializer: Initializer; recurrentInitializer: Initializer } {
  return { kernelInitializer: tf.initializers.glorotUniform({ seed }), recurrentInitializer: orthogonalInitializer({ seed: seed + 1 }) };
}
