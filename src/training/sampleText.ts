import type * as tf from "@tensorflow/tfjs";
import type { CharVocab } from "../data/charVocab";
import { CharLmStepper } from "../models/charLmStepper";
import { seededRandom } from "../util/seededRandom";

/**
 * Draws an index from `probabilities` sharpened or flattened by a temperature τ:
 * p_i^(1/τ) / Σ_j p_j^(1/τ). τ = 1 draws from p as it is, τ → 0 tends to the argmax (τ = 0 returns
 * it: the first maximum), τ → ∞ to the uniform distribution. `rand` gives numbers in [0, 1).
 *
 * @example
 * sampleIndex([0.1, 0.7, 0.2], 0, Math.random); // 1
 */
export function sampleIndex(probabilities: ArrayLike<number>, temperature: number, rand: () => number): number {
  if (!(temperature >= 0)) throw new Error(`sampleIndex: temperature ${temperature}, expected a number ≥ 0`);
  const n = probabilities.length;
  if (n === 0) throw new Error("sampleIndex: no probabilities");
  let best = 0;
  for (let i = 0; i < n; i++) {
    if (!(probabilities[i] >= 0)) throw new Error(`sampleIndex: probability ${probabilities[i]} at index ${i}, expected a number ≥ 0`);
    if (probabilities[i] > probabilities[best]) best = i;
  }
  if (temperature === 0 || probabilities[best] === 0) return best;
  // In log space: p^(1/τ) underflows for small τ.
  const logMax = Math.log(probabilities[best]);
  const weights = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    weights[i] = probabilities[i] > 0 ? Math.exp((Math.log(probabilities[i]) - logMax) / temperature) : 0;
    sum += weights[i];
  }
  let u = rand() * sum;
  for (let i = 0; i < n; i++) {
    u -= weights[i];
    if (u < 0 && weights[i] > 0) return i;
  }
  return best; // rounding left u ≥ 0
}

/** Options of `sampleText`. */
export interface SampleTextOptions {
  /** Text the model reads first (its characters must be in the vocabulary, else they read as unknown). Default "\n". */
  prime?: string;
  /** Characters to generate, default 300. */
  length?: number;
  /** Temperature (see sampleIndex), default 1. */
  temperature?: number;
  /** Seed of the draws, default 42: same model, prime, temperature and seed → same text. */
  seed?: number;
}

/**
 * Generates text with a char LM one character at a time, carrying the GRU state: reads `prime`,
 * then repeatedly draws the next character at `temperature` and feeds it back. The unknown
 * symbol is never drawn. Returns the generated text (without the prime).
 *
 * @example
 * console.log(sampleText(model, vocab, { prime: "interface ", temperature: 0.5, length: 200 }));
 */
export function sampleText(model: tf.LayersModel, vocab: CharVocab, options: SampleTextOptions = {}): string {
  const prime = options.prime ?? "\n";
  const length = options.length ?? 300;
  const temperature = options.temperature ?? 1;
  if (prime.length === 0) throw new Error("sampleText option prime: empty, expected at least one character");
  if (!(Number.isInteger(length) && length >= 0)) throw new Error(`sampleText option length: ${length}, expected an integer ≥ 0`);
  if (!(temperature >= 0)) throw new Error(`sampleText option temperature: ${temperature}, expected a number ≥ 0`);
  const rand = seededRandom(options.seed ?? 42);
  const stepper = new CharLmStepper(model, 1);
  if (stepper.vocabSize !== vocab.size) throw new Error(`sampleText: the model predicts ${stepper.vocabSize} symbols, the vocabulary has ${vocab.size}`);
  const out: number[] = [];
  try {
    const ids = vocab.encode(prime);
    let probs = lastStep(stepper.step(ids, ids.length).probabilities, vocab.size);
    for (let i = 0; i < length; i++) {
      const p = Float64Array.from(probs);
      p[0] = 0; // never the unknown symbol
      const id = sampleIndex(p, temperature, rand);
      out.push(id);
      probs = stepper.step(Int32Array.of(id), 1).probabilities;
    }
  } finally {
    stepper.dispose();
  }
  return vocab.decode(out);
}

function lastStep(probabilities: Float32Array, V: number): Float32Array {
  return probabilities.subarray(probabilities.length - V);
}
