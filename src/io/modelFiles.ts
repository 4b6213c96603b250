/**
 * The files of a saved model folder (tfjs's layers format, one weights file): `saveModel` writes
 * them, `loadModel` and a run's checkpoints read them. The only place their names appear.
 *
 * @example
 * fs.existsSync(path.join("runs/x/model", MODEL_FILES.json))
 */
export const MODEL_FILES = {
  json: "model.json",
  weights: "weights.bin",
} as const;
