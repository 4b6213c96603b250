import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bitsPerCharacter, charVocab, loadModel, loadTsLibCorpus, readCharLm, runCharLm } from "../../../src/index";

test("runCharLm writes a run folder whose files exist, parse and agree with each other", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-charlm-"));
  const result = await runCharLm({
    out, maxChars: 3000, units: 8, epochs: 2, trainWindows: 12, validationWindows: 5, timesteps: 20, batchSize: 4,
    ngramOrders: [1, 2], temperatures: [0, 1], sampleLength: 25, traceChars: 300, progress: "none",
  });
  const dir = result.dir;
  assert.equal(path.dirname(dir), out);
  const read = (name: string) => fs.readFileSync(path.join(dir, name), "utf8");
  const run = JSON.parse(read("run.json"));
  assert.deepEqual([run.format, run.name, run.status, run.epoch], [2, "charlm", "finished", 2]);
  const config = JSON.parse(read("config.json"));
  assert.equal(config.units, 8);
  assert.equal(config.corpus.package, "typescript");
  assert.deepEqual(read("history.csv").trim().split("\n").map((l) => l.split(",")[0]), ["epoch", "1", "2"]);
  const metrics = JSON.parse(read("metrics.json"));
  assert.equal(metrics.test.bpc, result.testBpc);
  assert.ok(metrics.test.bpc > 0 && metrics.test.bpc < 8, String(metrics.test.bpc));
  assert.deepEqual(metrics.baselines.map((b: { name: string }) => b.name), ["unigram", "bigram"]);
  assert.ok(["unigram", "bigram"].includes(metrics.strongestBaseline));
  assert.deepEqual(metrics.bestUnits.map((u: { feature: string }) => u.feature), ["braceDepth", "positionInLine", "insideString", "insideComment"]);
  // samples: two temperatures, 25 characters after the prime
  const samples = read("samples.txt").split(/^--- /m).filter(Boolean);
  assert.equal(samples.length, 2);
  assert.equal(result.samples[0].text.length, 25);
  // traces: unit-features.csv has layers × units × features rows; saturation.csv z and r per unit
  assert.equal(read("traces/unit-features.csv").trim().split("\n").length, 1 + 2 * 8 * 4);
  assert.equal(read("traces/saturation.csv").trim().split("\n").length, 1 + 2 * 2 * 8);
  assert.ok(fs.existsSync(path.join(dir, "traces", "gates.json")));
  // the saved model and vocabulary reproduce the reported test bpc
  const vocab = charVocab(JSON.parse(read("vocab.json")).chars);
  const model = await loadModel(path.join(dir, "model"));
  const corpusTest = loadTsLibCorpus({ maxChars: 3000 }).test;
  const again = readCharLm(model, vocab.encode(corpusTest));
  assert.ok(Math.abs(again.bpc - result.testBpc) < 1e-4, `${again.bpc} vs ${result.testBpc}`);
  assert.ok(Math.abs(bitsPerCharacter(again.probability) - again.bpc) < 1e-9);
  model.dispose();
});
