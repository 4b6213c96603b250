import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn } from "child_process";
import { loadModel } from "../../src/io/loadModel";
import { readHistoryCsv } from "../../src/runs/historyCsv";
import { RUN_FILES, TRACE_FILES, TRACE_HEADERS } from "../../src/runs/runFormat";
import { buildCharVocab } from "../../src/data/charVocab";
import { loadTsLibCorpus } from "../../src/data/loadTsLibCorpus";
import { charLmParamCount } from "../../src/models/matchedCharLmUnits";
import { readCharLm } from "../../src/traces/readCharLm";
import { charLmStudyTrial } from "../../src/sweeps/charLmStudyTrial";
import { startSweep } from "../../src/sweeps/startSweep";

const quiet = { progress: "none" as const, workers: 0 };
const small = { gruUnits: [6], maxChars: [7000], timesteps: [20], batchSize: [8], traceChars: [300], patience: [0] };

test("charlm-study: validation bpc read with the state carried after every epoch, the best weights kept; test log₂ p per character, saturation per gate and unit, matched sizes", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-charlm-trial-"));
  try {
    const sweep = await startSweep("cells", { ...quiet, dir: parent, trial: "charlm-study", space: { ...small, cell: ["gru", "lstm", "simpleRnn"], seed: [1] }, metric: "val_loss", budget: { epochs: 2 } });
    const corpus = loadTsLibCorpus({ maxChars: 7000 });
    const vocab = buildCharVocab(corpus.train, { minCount: 10 });
    const target = charLmParamCount("gru", 6, 2, vocab.size);
    for (const row of sweep.rows) {
      assert.equal(row.status, "finished", String(row.cell));
      const dir = path.join(sweep.dir, "trials", String(row.trialId));
      const config = JSON.parse(fs.readFileSync(path.join(dir, RUN_FILES.config), "utf8"));
      assert.equal(config.params, charLmParamCount(row.cell as "gru", config.units, 2, vocab.size));
      assert.ok(Math.abs(config.params - target) / target < 0.05, `${row.cell}: ${config.params} parameters vs the GRU's ${target}`);
      // 8 streams of floor(6999 / 8 / 20) = 43 windows: 6,880 characters predicted per epoch
      assert.deepEqual(config.streams, { streams: 8, windowsPerStream: 43, usedCharacters: 6880, droppedCharacters: 119 });
      const rows = await readHistoryCsv(path.join(dir, RUN_FILES.history));
      assert.equal(rows.length, 2);
      // best/ holds the best epoch's weights: its validation bpc read with the state carried is history's best val_loss / ln 2
      const best = await loadModel(path.join(dir, RUN_FILES.best));
      const bpc = readCharLm(best, vocab.encode(corpus.validation)).bpc;
      assert.ok(Math.abs(bpc - Math.min(...rows.map((r) => r.val_loss)) / Math.LN2) < 1e-4, `${row.cell}: ${bpc}`);
      const metrics = JSON.parse(fs.readFileSync(path.join(dir, RUN_FILES.metrics), "utf8"));
      const buf = fs.readFileSync(path.join(dir, RUN_FILES.traces, TRACE_FILES.testLog2Probability));
      const log2p = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      assert.equal(log2p.length, corpus.test.length - 1);
      const bits = -log2p.reduce((s, v) => s + v, 0) / log2p.length;
      assert.ok(Math.abs(bits - metrics.test.bpc) < 1e-4, "the file's mean bits = metrics.json's test bpc");
      assert.ok(Math.abs(Number(row.test_bpc) - metrics.test.bpc) < 1e-9);
      const sat = fs.readFileSync(path.join(dir, RUN_FILES.traces, TRACE_FILES.saturation), "utf8").trim().split("\n");
      assert.equal(sat[0], TRACE_HEADERS.saturation);
      const gates = { gru: 2, lstm: 3, simpleRnn: 0 }[String(row.cell)]!;
      assert.equal(sat.length - 1, 2 * gates * config.units, `${row.cell}: layers × gates × units rows`);
      best.dispose();
    }
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});

test("charlm-study refuses a bad cell or size before it builds anything, naming the option", async () => {
  const context = { dir: "/nonexistent", epochs: 1, trialId: "x", startRun: () => Promise.reject(new Error("not reached")) };
  await assert.rejects(charLmStudyTrial({ cell: "transformer" }, context), /charlm-study option cell: "transformer", expected "gru", "lstm" or "simpleRnn"/);
  await assert.rejects(charLmStudyTrial({ gruUnits: 0 }, context), /charlm-study option gruUnits: 0, expected a positive integer/);
  await assert.rejects(charLmStudyTrial({ maxChars: -1 }, context), /charlm-study option maxChars: -1, expected an integer ≥ 0/);
});

test("charlm-study: Ctrl-C during the validation read stops within seconds with the trial interrupted at epoch 0; the same sweep again finishes it (child processes)", { timeout: 240_000 }, async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-charlm-sigint-"));
  const child = path.join(__dirname, "charLmStudyTrialChild.js");
  const runChild = (env: Record<string, string>, at: RegExp | null) => new Promise<{ code: number | null; stdout: string; stderr: string; afterSignal: number }>((resolve) => {
    const p = spawn("timeout", ["-k", "5", "200", process.execPath, child, parent], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "", stderr = "", sentAt = 0;
    p.stdout.on("data", (d) => {
      stdout += d;
      if (at && !sentAt && at.test(stdout)) { sentAt = Date.now(); p.kill("SIGINT"); }
    });
    p.stderr.on("data", (d) => { stderr += d; });
    p.on("close", (code) => resolve({ code, stdout, stderr, afterSignal: sentAt ? (Date.now() - sentAt) / 1000 : NaN }));
  });
  try {
    // The test hook (not an API) stretches each pause between two chunks of the read to 5 s; SIGINT at its first line.
    const r = await runChild({ GRULAB_TEST_EVALUATION_PAUSE_MS: "5000" }, /^validation: [\d,]+ characters \(64 streams side by side\) in chunks of 12,800/m);
    assert.ok(r.afterSignal >= 0, `no validation line; exit ${r.code}\n${r.stdout}\n${r.stderr}`);
    assert.equal(r.code, 130, r.stdout + r.stderr);
    assert.ok(r.afterSignal < 3, `exit ${r.afterSignal} s after SIGINT (bound 3 s)`);
    const sweepDir = path.join(parent, "sigint");
    const [id] = fs.readdirSync(path.join(sweepDir, "trials")).filter((n) => !n.startsWith("."));
    const dir = path.join(sweepDir, "trials", id);
    const info = JSON.parse(fs.readFileSync(path.join(dir, RUN_FILES.run), "utf8"));
    assert.deepEqual([info.status, info.reason], ["interrupted", "SIGINT during epoch 1; epoch 0 was the last completed"]);
    assert.ok(fs.existsSync(path.join(dir, RUN_FILES.checkpoint, "epoch-0000", "state.json")), "the epoch-0 checkpoint is kept");
    assert.equal(fs.readFileSync(path.join(dir, RUN_FILES.history), "utf8"), "epoch,loss,val_loss,acc,seconds\n", "no epoch completed");
    const again = await runChild({}, null);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /^trial finished$/m);
    const rows = await readHistoryCsv(path.join(dir, RUN_FILES.history));
    assert.deepEqual(rows.map((row) => row.epoch), [1]);
    assert.ok(Number.isFinite(rows[0].val_loss) && !("val_acc" in rows[0]));
  } finally {
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
