import * as tf from "@tensorflow/tfjs";
import { seededRandom } from "../util/seededRandom";

/** tfjs's own Orthogonal initializer class (not exported by name from @tensorflow/tfjs). */
type Initializer = ReturnType<typeof tf.initializers.orthogonal>;
const TfjsOrthogonal = tf.initializers.orthogonal({}).constructor as new (args: { gain?: number; seed?: number }) => Initializer;

/**
 * The orthogonal initializer (Saxe et al. 2014, Keras `Orthogonal`) computed in plain
 * float64 JavaScript: the Q factor of a seeded Gaussian matrix, by Gram–Schmidt applied twice
 * (R's diagonal comes out positive, which is Keras's sign correction), transposed when the
 * matrix is wider than tall, times `gain`.
 *
 * Why: tfjs computes it with `tf.linalg.qr`, which for GRU(128)'s [128, 384] recurrent kernel
 * takes ~1.5 s on wasm and tens of seconds on cpu (and warns "Slowness may result"); this takes
 * milliseconds. It serializes as "GrulabOrthogonal" with tfjs's config ({gain, seed}); grulab's
 * builders (the `gru` layer, `buildTutorialClassifier`) use it wherever "orthogonal" is named,
 * including saved model.json files of grulab's GRU that say "Orthogonal". tfjs's own
 * "Orthogonal" stays what it is: importing grulab replaces nothing. Departs from tfjs: a given
 * seed draws a different (equally distributed) matrix than tfjs's own Orthogonal.
 *
 * @example
 * tf.layers.gru({ units: 128, recurrentInitializer: orthogonalInitializer({ seed: 1 }) });
 */
export class FastOrthogonal extends TfjsOrthogonal {
  /** Its own name in tfjs's serialization registry (tfjs's "Orthogonal" is left alone). */
  static className = "GrulabOrthogonal";
  private readonly orthoGain: number;
  private readonly orthoSeed: number | undefined;

  constructor(args: { gain?: number; seed?: number } = {}) {
    super(args);
    this.orthoGain = args.gain ?? 1;
    this.orthoSeed = args.seed;
  }

  override apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
    if (shape.length < 2) throw new Error(`orthogonal initializer: shape must be at least 2-D, got [${shape.join(", ")}]`);
    if (dtype !== undefined && dtype !== "float32" && dtype !== "int32") throw new Error(`orthogonal initializer: unsupported dtype ${dtype}`);
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1];
    const m = Math.max(rows, cols);
    const n = Math.min(rows, cols);
    const rand = seededRandom(this.orthoSeed ?? Math.floor(Math.random() * 2 ** 32));
    const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    // q[j] is column j (length m) of the [m, n] Gaussian matrix, orthonormalized in place.
    const q = Array.from({ length: n }, () => Float64Array.from({ length: m }, gauss));
    const started = performance.now();
    let told = started;
    for (let j = 0; j < n; j++) {
      const now = performance.now();
      if (now - told > 5000) { // long setup shows progress (a GRU of thousands of units takes minutes here)
        told = now;
        const done = (j / n) ** 2; // column j costs ∝ j: the share of the work done after j of n columns
        const left = done > 0 ? `, about ${(((now - started) / 1000) * (1 / done - 1)).toFixed(0)} s left` : "";
        console.log(`orthogonal initializer [${shape.join(", ")}]: column ${j}/${n}, ${((now - started) / 1000).toFixed(0)} s${left}`);
      }
      const v = q[j];
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k < j; k++) {
          const u = q[k];
          let dot = 0;
          for (let i = 0; i < m; i++) dot += u[i] * v[i];
          for (let i = 0; i < m; i++) v[i] -= dot * u[i];
        }
      }
      let norm = 0;
      for (let i = 0; i < m; i++) norm += v[i] * v[i];
      norm = Math.sqrt(norm);
      for (let i = 0; i < m; i++) v[i] /= norm;
    }
    // Q is [m, n]; the result is [rows, cols]: Q itself when rows ≥ cols, else Qᵀ.
    const out = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) out[r * cols + c] = this.orthoGain * (rows >= cols ? q[c][r] : q[r][c]);
    }
    return tf.tensor(out, shape, dtype ?? "float32");
  }
}

// Registered under its own name (an addition, as GrulabGRU), so models saved with it load.
tf.serialization.registerClass(FastOrthogonal as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);

/**
 * A seeded orthogonal initializer (see FastOrthogonal).
 *
 * @example
 * const init = orthogonalInitializer({ seed: 43 });
 */
export function orthogonalInitializer(args: { gain?: number; seed?: number } = {}): FastOrthogonal {
  return new FastOrthogonal(args);
}
