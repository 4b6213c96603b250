/**
 * A layer's input or output shape as tfjs-layers writes it: `null` for the batch dimension (and a
 * free time dimension).
 *
 * @example
 * const shape: Shape = [null, 30, 8]; // any batch, 30 steps, 8 features
 */
export type Shape = (number | null)[];
