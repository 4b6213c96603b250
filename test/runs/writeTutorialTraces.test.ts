import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { buildTutorialClassifier, initBackend, loadSeattleWeather } from "../../src/index";
import { writeTutorialTraces } from "../../src/runs/writeTutorialTraces";
import { seededArray } from "../support/float64Gru";

before(() => initBackend("cpu")); // the reference runs on the pure-JS backend here; wasm gets its own parity check

const [N, T, D] = [7, 4, 2];
const split = () => ({
  x: tf.tensor3d(seededArray([N, T, D], 1) as number[][][]),
  labels: [2, 0, 2, 1, 0, 1, 2],
  targetDates: ["d0", "d1", "d2", "d3", "d4", "d5", "d6"],
  unscaled: (seededArray([N, T, D], 2, 30) as number[][][]),
});

test("writeTutorialTraces traces the first test window of each class and writes the trace files and samples.csv", () => {
  const model = buildTutorialClassifier({ timesteps: T, inputDim: D, outputDim: 4, units: 3 });
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-tt-")), "traces");
  const s = split();
  const before = tf.memory().numTensors;
  const traced = writeTutorialTraces(model, s, ["a", "b", "c", "none"], ["f1", "f2"], dir);
  assert.equal(tf.memory().numTensors, before);
  assert.ok(traced);
  // classes a, b, c first appear at windows 1, 3, 0; class "none" has no window.
  assert.deepEqual(traced.samples, [{ testIndex: 1, class: "a", targetDate: "d1" }, { testIndex: 3, class: "b", targetDate: "d3" }, { testIndex: 0, class: "c", targetDate: "d0" }]);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["gates.csv", "gates.json", "inputs.csv", "samples.csv", "saturation.csv"]);
  assert.equal(fs.readFileSync(path.join(dir, "samples.csv"), "utf8"), "sample,testIndex,class,targetDate\n0,1,a,d1\n1,3,b,d3\n2,0,c,d0\n");
  const inputs = fs.readFileSync(path.join(dir, "inputs.csv"), "utf8").trim().split("\n");
  assert.equal(inputs.length, 1 + 3 * T * D);
  assert.equal(inputs[1 + (1 * T + 2) * D + 1], `1,2,f2,${s.unscaled[3][2][1]}`, "sample 1 is window 3, unscaled");
  const gates = fs.readFileSync(path.join(dir, "gates.csv"), "utf8").trim().split("\n");
  assert.equal(gates.length, 1 + 3 * T * 3);
  assert.equal(traced.saturation.length, 2 * 3);
  model.dispose();
});

test("writeTutorialTraces writes nothing and returns null for tf.layers.gru, which hides its gates", () => {
  const model = buildTutorialClassifier({ timesteps: T, inputDim: D, outputDim: 3, units: 3, gru: "tfjs" });
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-tt-")), "traces");
  assert.equal(writeTutorialTraces(model, split(), ["a", "b", "c"], ["f1", "f2"], dir), null);
  assert.equal(fs.existsSync(dir), false);
  model.dispose();
});

test("on the Seattle weather test split, inputs.csv holds the raw CSV values of the traced windows", async () => {
  const timesteps = 5;
  const data = await loadSeattleWeather({ timesteps, verbose: false });
  const model = buildTutorialClassifier({ timesteps, inputDim: data.featureNames.length, outputDim: data.classes.length, units: 4 });
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-tt-")), "traces");
  writeTutorialTraces(model, data.test, data.classes, data.featureNames, dir);
  model.dispose();
  data.dispose();
  const samples = fs.readFileSync(path.join(dir, "samples.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  assert.ok(samples.length >= 2);
  // Independent check against the raw CSV: window t of a sample is the day (targetDate − timesteps + t).
  const raw = fs.readFileSync(path.join(__dirname, "../../../datasets/seattle-weather.csv"), "utf8").trim().split("\n");
  const header = raw[0].split(",");
  const byDate = new Map(raw.slice(1).map((l) => [l.split(",")[0], l.split(",")]));
  const dates = raw.slice(1).map((l) => l.split(",")[0]);
  const inputs = fs.readFileSync(path.join(dir, "inputs.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  let checked = 0;
  for (const [sample, , , targetDate] of samples) {
    const day = dates.indexOf(targetDate);
    for (const [s, t, feature, value] of inputs) {
      if (s !== sample || !header.includes(feature)) continue;
      const row = byDate.get(dates[day - timesteps + Number(t)])!;
      assert.equal(Number(value), Number(row[header.indexOf(feature)]), `sample ${s} t ${t} ${feature}`);
      checked++;
    }
  }
  assert.equal(checked, samples.length * timesteps * 4, "every raw feature of every traced step was compared");
  const gates = fs.readFileSync(path.join(dir, "gates.csv"), "utf8").trim().split("\n");
  assert.equal(gates.length, 1 + samples.length * timesteps * 4);
});
