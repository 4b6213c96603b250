// A user's trial module for the sweep tests, written into a folder as plain JavaScript (what a
// user's `{ module, export }` points at): a seeded two-layer dense regression on fixed data,
// trained through trial.startRun in milliseconds. Every call is recorded in
// globalThis.grulabTrialCalls (start/end, config), so that a test sees what ran and in what order.

/**
 * Writes `<dir>/trials.js` with exports `dense` (the regression; config { seed, lr }; returns
 * { custom: 7 }), `noRun` (returns without a run), `failAfterStart` (starts the run, then throws
 * "diverging on purpose") and `startTwice`; returns its path.
 *
 * @example
 * const file = writeDenseTrialModule(dir); // { module: file, export: "dense" }
 */
export function writeDenseTrialModule(dir: string): string {
  const file = `${dir}/trials.js`;
  require("fs").writeFileSync(file, `
const tf = require(${JSON.stringify(require.resolve("@tensorflow/tfjs"))});
const calls = (globalThis.grulabTrialCalls ??= []);
function build(seed) {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: "tanh", kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
    tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) })] });
  model.compile({ optimizer: tf.train.sgd(0.05), loss: "meanSquaredError" });
  return model;
}
exports.dense = async (config, trial) => {
  calls.push(["start", config.seed]);
  const x = tf.tensor2d(Array.from({ length: 64 }, (_, i) => [Math.sin(i), Math.cos(i)]));
  const y = tf.tensor2d(Array.from({ length: 64 }, (_, i) => [Math.sin(i) - 2 * Math.cos(i)]));
  const model = build(config.seed);
  try {
    const run = await trial.startRun(model, { task: "regression", config: { data: "sin/cos" } });
    await run.fit(model, { x, y }, { validation: { x, y }, epochs: trial.epochs, batchSize: 16, seed: config.seed, progress: "none" });
    return { custom: 7 };
  } finally {
    tf.dispose([x, y]); model.dispose();
    calls.push(["end", config.seed]);
  }
};
exports.noRun = async () => { calls.push(["noRun"]); };
exports.failAfterStart = async (config, trial) => {
  const model = build(1);
  await trial.startRun(model, { task: "regression" });
  model.dispose();
  throw new Error("diverging on purpose");
};
exports.startTwice = async (config, trial) => {
  const model = build(1);
  await trial.startRun(model, { task: "regression" });
  await trial.startRun(model, { task: "regression" });
};
`);
  return file;
}
