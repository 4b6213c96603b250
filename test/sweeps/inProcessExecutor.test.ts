import { test } from "node:test";
import * as assert from "node:assert/strict";
import { inProcessExecutor } from "../../src/sweeps/inProcessExecutor";
import { trialId } from "../../src/sweeps/trialId";
import type { TrialSpec } from "../../src/sweeps/trialSpec";
import { writeDenseTrialModule } from "../support/denseTrialModule";
import { tempFolder } from "../support/tempFolder";

test("inProcessExecutor: trials one after another in this process (never two at once), a failing trial is a result and the next still runs; close() waits for the last", async (t) => {
  const dir = tempFolder(t, "inprocess");
  const module = writeDenseTrialModule(dir);
  const calls = ((globalThis as { grulabTrialCalls?: unknown[][] }).grulabTrialCalls ??= []);
  calls.length = 0;
  const spec = (seed: number, exported = "dense"): TrialSpec => ({ sweepDir: dir, trialId: trialId({ seed, exported }), config: { seed }, epochs: 1, trial: { module, export: exported }, metric: "val_loss", mode: "min" });
  const ex = inProcessExecutor("here");
  assert.equal(ex.concurrency, 1);
  const results: string[] = [];
  const runs = [spec(1), spec(2, "noRun"), spec(3)].map((s) => ex.run(s).then((r) => { results.push(`${r.trialId}:${r.status}`); return r; }));
  await ex.close();
  assert.equal(results.length, 3, "close() resolved after every queued trial");
  const [a, b, c] = await Promise.all(runs);
  assert.deepEqual(calls, [["start", 1], ["end", 1], ["noRun"], ["start", 3], ["end", 3]], "in order, none overlapping");
  assert.deepEqual([a.status, b.status, c.status], ["finished", "failed", "finished"]);
  assert.deepEqual([a.worker, c.worker], ["here", "here"]);
  assert.match(b.error!, /returned without calling trial\.startRun\(model, …\): a trial is one run/);
  assert.equal(a.epochs, 1);
});
