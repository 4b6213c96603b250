import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { loadModel } from "../../src/io/loadModel";
import { writeModelFolder } from "../../src/runs/writeModelFolder";
import { tempFolder } from "../support/tempFolder";

function dense(seed: number): tf.LayersModel {
  return tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], kernelInitializer: tf.initializers.glorotUniform({ seed }), biasInitializer: "ones" })] });
}

async function weightsOf(model: tf.LayersModel): Promise<number[][]> {
  return Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
}

test("writeModelFolder: a new folder holds a loadable model with the same weights; an existing one is overwritten in place; nothing temporary is left", async (t) => {
  const parent = tempFolder(t, "modelfolder");
  const dir = path.join(parent, "model");
  const a = dense(1);
  await writeModelFolder(a, dir);
  assert.deepEqual(fs.readdirSync(parent), ["model"], "renamed into place: no temp folder beside it");
  assert.deepEqual(fs.readdirSync(dir).sort(), ["model.json", "weights.bin"]);
  const loadedA = await loadModel(dir);
  assert.deepEqual(await weightsOf(loadedA), await weightsOf(a));
  const ino = fs.statSync(dir).ino;

  const b = dense(2);
  assert.notDeepEqual(await weightsOf(b), await weightsOf(a), "another seed: other weights");
  await writeModelFolder(b, dir);
  assert.equal(fs.statSync(dir).ino, ino, "an existing model folder is written in place, not replaced");
  assert.deepEqual(await weightsOf(await loadModel(dir)), await weightsOf(b));
  assert.deepEqual(fs.readdirSync(parent), ["model"]);
  tf.dispose([a, b, loadedA].flatMap((m) => m.getWeights()));
});

test("writeModelFolder: a folder without model.json (left by a crash) is replaced whole", async (t) => {
  const parent = tempFolder(t, "modelfolder");
  const dir = path.join(parent, "model");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "weights.bin"), "half a file");
  const m = dense(3);
  await writeModelFolder(m, dir);
  assert.deepEqual(fs.readdirSync(dir).sort(), ["model.json", "weights.bin"]);
  assert.deepEqual(await weightsOf(await loadModel(dir)), await weightsOf(m));
});
