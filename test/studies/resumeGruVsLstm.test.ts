import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RunInterrupted } from "../../src/runs/RunInterrupted";
import { GRU_VS_LSTM_DEFAULTS } from "../../src/studies/gruVsLstmDefaults";
import { gruVsLstmTask } from "../../src/studies/gruVsLstmTask";
import { resumeGruVsLstm } from "../../src/studies/resumeGruVsLstm";
import { resumeJob } from "../../src/studies/resumeJob";

test("resumeGruVsLstm: a run (a sweep's trial) interrupted by SIGINT after its first epoch resumes alone (also through resumeJob) to the uninterrupted run's history", async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-gvl-resume-"));
  const options = { ...GRU_VS_LSTM_DEFAULTS, task: "recall" as const, length: 5, gruUnits: 4, trainSamples: 32, symbols: 4 };
  const train = async (out: string, interrupt: boolean) => {
    const setup = gruVsLstmTask(options);
    const model = setup.buildModel("lstm", 2);
    let timer: NodeJS.Timeout | undefined;
    if (interrupt) {
      // SIGINT once the first epoch is in history.csv (fit's handler takes it: the run keeps epoch 1).
      timer = setInterval(() => {
        const runs = fs.existsSync(out) ? fs.readdirSync(out) : [];
        const history = runs.length ? path.join(out, runs[0], "history.csv") : "";
        if (history && fs.existsSync(history) && fs.readFileSync(history, "utf8").trim().split("\n").length >= 2) {
          clearInterval(timer);
          process.kill(process.pid, "SIGINT");
        }
      }, 2);
    }
    try {
      return await setup.trainRun("lstm", 2, model, { epochs: 6, patience: 0, batchSize: 8, progress: "none", out });
    } finally {
      clearInterval(timer);
      model.dispose();
      setup.dispose();
    }
  };
  const reference = await train(path.join(parent, "reference"), false);
  const err = await train(path.join(parent, "a"), true).catch((e: unknown) => e);
  assert.ok(err instanceof RunInterrupted, String(err));
  const [name] = fs.readdirSync(path.join(parent, "a"));
  const dir = path.join(parent, "a", name);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8")).status, "interrupted");
  const log = console.log;
  console.log = () => undefined;
  const { kind, result } = await resumeJob(dir, { progress: "none" }).finally(() => { console.log = log; });
  assert.equal(kind, "gru-vs-lstm", "resumeJob dispatches to resumeGruVsLstm");
  await assert.rejects(resumeGruVsLstm(dir), /finished/);
  const historyOf = (d: string) => fs.readFileSync(path.join(d, "history.csv"), "utf8").split("\n").map((l) => l.split(",").slice(0, -1).join(","));
  assert.deepEqual(historyOf(dir), historyOf(reference.runDir));
  assert.equal((result as { score: number }).score, reference.score);
  assert.equal(JSON.parse(fs.readFileSync(path.join(dir, "run.json"), "utf8")).status, "finished");
});
