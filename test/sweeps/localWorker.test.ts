import { test } from "node:test";
import * as assert from "node:assert/strict";
import { fork, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { FromWorker, ToWorker } from "../../src/sweeps/localWorker";
import { trialId } from "../../src/sweeps/trialId";
import type { TrialSpec } from "../../src/sweeps/trialSpec";
import { writeDenseTrialModule } from "../support/denseTrialModule";
import { tempFolder } from "../support/tempFolder";

const WORKER = path.resolve(__dirname, "..", "..", "src", "sweeps", "localWorker.js");

/** Forks the worker as localExecutor does; resolves once it says ready. */
async function forkWorker(t: { after(fn: () => void): void }, name: string): Promise<{ child: ChildProcess; next(): Promise<FromWorker>; exit: Promise<[number | null, NodeJS.Signals | null]> }> {
  const child = fork(WORKER, [], { env: { ...process.env, GRULAB_SWEEP_WORKER: name, GRULAB_SWEEP_BACKEND: "cpu" }, silent: true });
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL"); });
  const queue: FromWorker[] = [];
  const waiting: Array<(m: FromWorker) => void> = [];
  child.on("message", (m: FromWorker) => { const w = waiting.shift(); if (w) w(m); else queue.push(m); });
  const next = () => new Promise<FromWorker>((resolve) => { const m = queue.shift(); if (m) resolve(m); else waiting.push(resolve); });
  const exit = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once("exit", (code, signal) => resolve([code, signal])));
  assert.deepEqual(await next(), { type: "ready" });
  return { child, next, exit };
}

test("a forked local worker: ready, runs each trial it is sent and answers with its result under its name (a trial that cannot even start is a failed result), exits 0 on exit", async (t) => {
  const dir = tempFolder(t, "localworker");
  const module = writeDenseTrialModule(dir);
  const w = await forkWorker(t, "local-7");
  const spec: TrialSpec = { sweepDir: dir, trialId: trialId({ seed: 1 }), config: { seed: 1 }, epochs: 2, trial: { module, export: "dense" }, metric: "val_loss", mode: "min" };
  w.child.send({ type: "run", id: 1, spec } satisfies ToWorker);
  const m = await w.next();
  assert.equal(m.type, "result");
  const r = (m as Extract<FromWorker, { type: "result" }>).result;
  assert.deepEqual([(m as { id: number }).id, r.status, r.epochs, r.worker], [1, "finished", 2, "local-7"]);
  assert.ok(fs.existsSync(path.join(dir, "trials", spec.trialId, "history.csv")));
  // A sweep folder that is a file: runTrial itself throws (no lock folder); the worker still answers.
  const file = path.join(dir, "plain-file");
  fs.writeFileSync(file, "");
  w.child.send({ type: "run", id: 2, spec: { ...spec, sweepDir: file } } satisfies ToWorker);
  const bad = (await w.next()) as Extract<FromWorker, { type: "result" }>;
  assert.deepEqual([bad.id, bad.result.status, bad.result.trialId, bad.result.worker, bad.result.runDir], [2, "failed", spec.trialId, "local-7", ""]);
  assert.match(bad.result.error!, /ENOTDIR/);
  w.child.send({ type: "exit" } satisfies ToWorker);
  assert.deepEqual(await w.exit, [0, null]);
});

test("a local worker: SIGTERM while idle ends it with 143; the sweep's process gone (IPC disconnected) ends it with 0; started without IPC it refuses", async (t) => {
  const a = await forkWorker(t, "local-1");
  a.child.kill("SIGTERM");
  assert.deepEqual(await a.exit, [143, null]);
  const b = await forkWorker(t, "local-2");
  b.child.disconnect();
  assert.deepEqual(await b.exit, [0, null]);
  const plain = spawnSync(process.execPath, [WORKER], { encoding: "utf8", timeout: 60_000 });
  assert.equal(plain.status, 1);
  assert.equal(plain.stderr.trim(), "grulab sweep worker: serveLocalWorker: not a forked process (no IPC channel); localExecutor starts workers");
});
