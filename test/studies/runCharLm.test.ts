import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { openRun } from "../../src/index";
import { bitsPerCharacter, charVocab, loadTsLibCorpus, readCharLm, runCharLm } from "../../src/studies/index";

test("runCharLm writes a run folder (format 2) whose files exist, parse and agree with each other", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-charlm-"));
  const result = await runCharLm({
    out, maxChars: 3000, units: 8, epochs: 2, trainWindows: 12, validationWindows: 5, timesteps: 20, batchSize: 4,
    ngramOrders: [1, 2], temperatures: [0, 1], sampleLength: 25, traceChars: 300, progress: "none", pdf: false,
  });
  assert.equal(path.dirname(result.dir), out);
  const run = await openRun(result.dir);
  assert.deepEqual([run.format, run.name, run.status, run.task], [2, "charlm", "finished", "classification"]);
  assert.equal(run.config.units, 8);
  assert.deepEqual((run.config.corpus as { package: string }).package, "typescript");
  assert.deepEqual(run.rows.map((r) => r.epoch), [1, 2]);
  const metrics = run.metrics!;
  assert.equal(metrics.test.bpc, result.testBpc);
  assert.ok(metrics.test.bpc > 0 && metrics.test.bpc < 8, String(metrics.test.bpc));
  assert.ok(metrics.test.accuracy >= 0 && metrics.test.accuracy <= 1);
  // n-gram baselines carry bpc, beside the majority-class baseline evaluate adds
  const byName = new Map(metrics.baselines.map((b) => [b.name, b.test]));
  assert.equal(byName.get("unigram")?.bpc, result.baselines[0].testBpc);
  assert.equal(byName.get("bigram")?.bpc, result.baselines[1].testBpc);
  assert.equal(metrics.classes!.length, metrics.confusion!.length);
  // two samples in generated.txt, 25 characters after the prime each
  assert.equal(fs.readFileSync(path.join(result.dir, "generated.txt"), "utf8").split(/^--- /m).filter(Boolean).length, 2);
  assert.deepEqual(result.samples.map((s) => s.text.length), [25, 25]);
  // unit-features.csv: layers × units × features rows
  assert.equal(fs.readFileSync(path.join(result.dir, "traces", "unit-features.csv"), "utf8").trim().split("\n").length, 1 + 2 * 8 * 4);
  assert.deepEqual(result.bestUnits.map((u) => u.feature), ["braceDepth", "positionInLine", "insideString", "insideComment"]);
  assert.ok(run.traces !== null);
  assert.ok(fs.existsSync(path.join(result.dir, "report.html")));
  // the saved model and vocabulary (the run's classes) reproduce the reported test bpc
  const vocab = charVocab(JSON.parse(JSON.stringify(run.config.vocabChars)));
  const model = await run.loadModel();
  const again = readCharLm(model, vocab.encode(loadTsLibCorpus({ maxChars: 3000 }).test));
  assert.ok(Math.abs(again.bpc - result.testBpc) < 1e-4, `${again.bpc} vs ${result.testBpc}`);
  assert.ok(Math.abs(bitsPerCharacter(again.probability) - again.bpc) < 1e-9);
  model.dispose();
});
