// node dist/bench/cells.js [--rounds N] [--backend wasm|cpu]: seconds per training epoch of the
// tutorial's model (Seattle weather windows of 14 days, batch 32, recurrent layer of 128 units,
// Dense(5, softmax), adam, categorical cross-entropy) with each recurrent layer: grulab's fused
// LSTM, SimpleRNN and GRU against tf.layers.lstm / simpleRNN / gru, on one tensor backend. The
// models take turns epoch by epoch (round robin) so that load on a shared machine hits all alike;
// medians over the rounds after one warm-up epoch. Prints a table, writes bench/cells-results.json.
// GRULAB_THREADS=1|2 as for the kernels (default: two threads where it pays).
import * as os from "node:os";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { gru, initBackend, loadSeattleWeather, lstm, simpleRnn } from "../src/index";
import { writeFileAtomic } from "../src/io/writeFileAtomic";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const rounds = Number(option("--rounds", "5"));
const backend = option("--backend", "wasm");
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`bench/cells: --rounds ${option("--rounds", "")}, expected a positive integer`);

const UNITS = 128;
const recurrentLayers: Record<string, (inputShape: number[]) => tf.layers.Layer> = {
  "grulab lstm (fused)": (inputShape) => lstm({ units: UNITS, inputShape }),
  "tf.layers.lstm": (inputShape) => tf.layers.lstm({ units: UNITS, recurrentActivation: "sigmoid", inputShape }),
  "grulab simpleRnn (fused)": (inputShape) => simpleRnn({ units: UNITS, inputShape }),
  "tf.layers.simpleRNN": (inputShape) => tf.layers.simpleRNN({ units: UNITS, inputShape }),
  "grulab gru (fused)": (inputShape) => gru({ units: UNITS, inputShape }),
  "tf.layers.gru": (inputShape) => tf.layers.gru({ units: UNITS, recurrentActivation: "sigmoid", inputShape }),
};
const peers: Record<string, string> = { "grulab lstm (fused)": "tf.layers.lstm", "grulab simpleRnn (fused)": "tf.layers.simpleRNN", "grulab gru (fused)": "tf.layers.gru" };

async function main(): Promise<void> {
  await initBackend(backend);
  const data = await loadSeattleWeather({ timesteps: 14 });
  const { x, y } = data.train;
  const models = Object.entries(recurrentLayers).map(([name, make]) => {
    const model = tf.sequential({ layers: [make([x.shape[1], x.shape[2]]), tf.layers.dense({ units: y.shape[1], activation: "softmax" })] });
    model.compile({ optimizer: tf.train.adam(0.001), loss: "categoricalCrossentropy" });
    return { name, model, seconds: [] as number[] };
  });
  console.log(`bench/cells: backend ${tf.getBackend()}, ${x.shape[0]} training windows [${x.shape.slice(1)}], batch 32, ${rounds} timed rounds + 1 warm-up`);
  for (let r = 0; r <= rounds; r++) {
    for (const m of models) {
      const t0 = process.hrtime.bigint();
      await m.model.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0, shuffle: true });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r > 0) m.seconds.push(s);
      process.stdout.write(`\r  round ${r}/${rounds}: ${m.name} ${s.toFixed(2)} s          `);
    }
  }
  process.stdout.write("\n");
  const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const k = s.length >> 1; return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2; };
  const rows = models.map((m) => ({ layer: m.name, epochSeconds: median(m.seconds), rounds: m.seconds }));
  const byName = Object.fromEntries(rows.map((r) => [r.layer, r.epochSeconds]));
  console.log(`\n| layer (128 units) | s per epoch (median) | tf.layers / grulab |\n|---|---|---|`);
  for (const r of rows) {
    const peer = peers[r.layer];
    console.log(`| ${r.layer} | ${r.epochSeconds.toFixed(3)} | ${peer ? `${(byName[peer] / r.epochSeconds).toFixed(1)}×` : ""} |`);
  }
  const out = path.join(__dirname, "..", "..", "bench", "cells-results.json");
  writeFileAtomic(out, JSON.stringify({ date: new Date().toISOString(), backend: tf.getBackend(), threads: process.env.GRULAB_THREADS ?? "auto", cpus: os.cpus()[0]?.model, cores: os.cpus().length,
    loadAverage: os.loadavg(), windows: x.shape[0], timesteps: x.shape[1], features: x.shape[2], batch: 32, units: UNITS, rows }, null, 2) + "\n");
  console.log(`wrote ${out}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
