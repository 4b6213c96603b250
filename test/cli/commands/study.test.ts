import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { command } from "../../../src/cli/commands/study";
import { parseCommandArgs } from "../../../src/cli/parseCommandArgs";

test("grulab study: an unknown study is named with the known ones", async () => {
  await assert.rejects(() => command.run(parseCommandArgs(command, ["weather"])), /unknown study "weather"; the studies with a results file: tutorial, forecast, gru-vs-lstm, charlm/);
});

test("grulab study forecast writes forecast.json recording the command with the options that differ from its budget; without Chromium it says the figures are not written", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-study-cli-"));
  const before = process.env.GRULAB_CHROMIUM;
  process.env.GRULAB_CHROMIUM = path.join(dir, "no-chromium");
  try {
    await assert.rejects(() => command.run(parseCommandArgs(command, ["forecast", "--seeds", "1", "--epochs", "1", "--results", dir, "--sweeps", path.join(dir, "sweeps")])),
      /grulab study forecast: the results are written, the figures are not \(.*Chromium.*\); `grulab study forecast --figures-only` draws them/);
    const r = JSON.parse(fs.readFileSync(path.join(dir, "forecast.json"), "utf8"));
    assert.equal(r.command, "grulab study forecast --seeds 1 --epochs 1");
    assert.deepEqual([r.budget.seeds, r.budget.maxEpochs, r.budget.epochsRun], [[1], 1, [1]]);
    assert.ok(!fs.existsSync(path.join(dir, "tutorial.json")));
    // The seed is a trial of the study's sweep under --sweeps.
    assert.deepEqual(fs.readdirSync(path.join(dir, "sweeps")), ["forecast-study-32u-1e-15p-seeds-1"]);
    assert.equal(fs.readdirSync(path.join(dir, "sweeps", "forecast-study-32u-1e-15p-seeds-1", "trials")).filter((n) => !n.startsWith(".")).length, 1);
  } finally {
    if (before === undefined) delete process.env.GRULAB_CHROMIUM; else process.env.GRULAB_CHROMIUM = before;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("grulab study tutorial --workers 1 trains its seed as a trial of the study's sweep under --sweeps, in a worker process", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-study-cli-"));
  const before = process.env.GRULAB_CHROMIUM;
  process.env.GRULAB_CHROMIUM = path.join(dir, "no-chromium");
  try {
    await assert.rejects(() => command.run(parseCommandArgs(command, ["tutorial", "--seeds", "1", "--epochs", "1", "--workers", "1", "--results", dir, "--sweeps", path.join(dir, "sweeps")])),
      /grulab study tutorial: the results are written, the figures are not/);
    const r = JSON.parse(fs.readFileSync(path.join(dir, "tutorial.json"), "utf8"));
    assert.equal(r.command, "grulab study tutorial --seeds 1 --epochs 1");
    assert.deepEqual([r.budget.seeds, r.budget.maxEpochs, r.budget.epochsRun], [[1], 1, [1]]);
    const sweep = path.join(dir, "sweeps", "tutorial-study-128u-14t-1e-6p-seeds-1");
    assert.deepEqual(fs.readdirSync(path.join(dir, "sweeps")), [path.basename(sweep)]);
    const [header, row] = fs.readFileSync(path.join(sweep, "results.csv"), "utf8").trim().split("\n").map((l) => l.split(","));
    assert.equal(row[header.indexOf("status")], "finished");
    assert.equal(row[header.indexOf("worker")], "local-1", "the trial ran in the worker process");
    assert.equal(Number(row[header.indexOf("test_accuracy")]), r.perSeed[0].accuracy, "the study's accuracy is the trial's best model's");
  } finally {
    if (before === undefined) delete process.env.GRULAB_CHROMIUM; else process.env.GRULAB_CHROMIUM = before;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("grulab study --figures-only: a missing or broken results file is named with what to do, before any browser starts", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-study-cli-"));
  try {
    await assert.rejects(() => command.run(parseCommandArgs(command, ["forecast", "--figures-only", "--results", dir])),
      new RegExp(`--figures-only: ${path.join(dir, "forecast.json").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} does not exist: run \`grulab study forecast\` first`));
    fs.writeFileSync(path.join(dir, "tutorial.json"), "{ not json");
    await assert.rejects(() => command.run(parseCommandArgs(command, ["tutorial", "--figures-only", "--results", dir])), /tutorial.json is not valid JSON/);
    fs.writeFileSync(path.join(dir, "tutorial.json"), "{}");
    await assert.rejects(() => command.run(parseCommandArgs(command, ["tutorial", "--figures-only", "--results", dir])), /expected the contents of results\/tutorial.json/);
    assert.ok(!fs.existsSync(path.join(dir, "figures")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("grulab study gru-vs-lstm at a tiny budget writes gru-vs-lstm.json and its figures, recording the command; a bad list is named", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-study-gvl-cli-"));
  try {
    const args = ["gru-vs-lstm", "--seeds", "1", "--tasks", "adding", "--lengths", "5", "--updates", "50", "--learning-rates", "0.01", "--ablations", "", "--workers", "0",
      "--sweeps", path.join(dir, "sweeps"), "--results", dir, "--figures", path.join(dir, "figures")];
    await command.run(parseCommandArgs(command, args));
    const r = JSON.parse(fs.readFileSync(path.join(dir, "gru-vs-lstm.json"), "utf8"));
    assert.equal(r.command, "grulab study gru-vs-lstm --seeds 1 --tasks adding --lengths 5 --updates 50 --learning-rates 0.01 --ablations \"\" --workers 0");
    assert.deepEqual([r.budget.trials, r.budget.updatesSpent, r.budget.lengths, r.budget.ablations], [6, 300, [5], []]);
    assert.deepEqual(Object.keys(r.tasks.adding.lengths.T5), ["gru", "lstm", "simpleRnn"]);
    assert.ok(fs.existsSync(path.join(dir, "figures", "gru-vs-lstm-adding-success.svg")));
    await assert.rejects(() => command.run(parseCommandArgs(command, ["gru-vs-lstm", "--lengths", "50,x", "--results", dir])), /option --lengths: "x" is not a number/);
    const missing = path.join(dir, "none.json");
    await assert.rejects(() => command.run(parseCommandArgs(command, [...args, "--keep-from", missing])), new RegExp(`option --keep-from: ${missing} does not exist`));
    fs.writeFileSync(path.join(dir, "bad.json"), "{ not json");
    await assert.rejects(() => command.run(parseCommandArgs(command, [...args, "--keep-from", path.join(dir, "bad.json")])), /option --keep-from: .*bad\.json is not valid JSON/);
    await assert.rejects(() => command.run(parseCommandArgs(command, [...args.map((a) => (a === "50" ? "100" : a)), "--keep-from", path.join(dir, "gru-vs-lstm.json")])), /keepFrom: the previous results' updatesPerTrial is 50, this run's 100/);
    // Kept from a file in a temporary folder: the command names the file by its date, the run records its date, command and budget.
    const kept = path.join(dir, "tmp-piece.json");
    fs.copyFileSync(path.join(dir, "gru-vs-lstm.json"), kept);
    await command.run(parseCommandArgs(command, [...args.map((a) => (a === "5" ? "6" : a)), "--keep-from", kept]));
    const merged = JSON.parse(fs.readFileSync(path.join(dir, "gru-vs-lstm.json"), "utf8"));
    assert.equal(merged.command, `grulab study gru-vs-lstm --seeds 1 --tasks adding --lengths 6 --updates 50 --learning-rates 0.01 --ablations "" --workers 0 --keep-from "<gru-vs-lstm results of ${r.date}>"`);
    assert.ok(!JSON.stringify(merged.budget.runs).includes(dir), "no path of the kept file");
    assert.deepEqual(merged.budget.runs.map((x: { date: string }) => x.date), [r.date, merged.date]);
    assert.deepEqual([merged.budget.runs[1].keptFrom.date, merged.budget.runs[1].keptFrom.command, merged.budget.runs[1].keptFrom.budget.updatesPerTrial], [r.date, r.command, 50]);
    // --stop-when-solved: recorded in the command and the file; a file made without stopping is not kept.
    await assert.rejects(() => command.run(parseCommandArgs(command, [...args, "--stop-when-solved", "--keep-from", kept])), /keepFrom: the previous results' stopWhenSolved is false, this run's true/);
    await command.run(parseCommandArgs(command, [...args, "--stop-when-solved"]));
    const stopped = JSON.parse(fs.readFileSync(path.join(dir, "gru-vs-lstm.json"), "utf8"));
    assert.equal(stopped.command, "grulab study gru-vs-lstm --seeds 1 --tasks adding --lengths 5 --updates 50 --learning-rates 0.01 --ablations \"\" --workers 0 --stop-when-solved");
    assert.deepEqual([stopped.stopWhenSolved, stopped.learningRateRule, r.learningRateRule, r.stopWhenSolved], [true, "solved-fastest", "val-loss", undefined]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("grulab study charlm at a tiny budget writes charlm.json recording the command; without Chromium it says the figures are not written", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-study-charlm-cli-"));
  const before = process.env.GRULAB_CHROMIUM;
  process.env.GRULAB_CHROMIUM = path.join(dir, "no-chromium");
  try {
    const args = ["charlm", "--seeds", "1", "--epochs", "1", "--units", "4", "--max-chars", "8000", "--dropouts", "0", "--cells", "gru,simpleRnn", "--workers", "0", "--sweeps", path.join(dir, "sweeps"), "--results", dir, "--unit-chars", "400", "--unit-shuffles", "9"];
    await assert.rejects(() => command.run(parseCommandArgs(command, args)), /grulab study charlm: the results are written, the figures are not \(.*Chromium.*\); `grulab study charlm --figures-only` draws them/);
    const r = JSON.parse(fs.readFileSync(path.join(dir, "charlm.json"), "utf8"));
    assert.equal(r.command, "grulab study charlm --seeds 1 --epochs 1 --cells gru,simpleRnn --units 4 --dropouts 0 --max-chars 8000 --unit-chars 400 --unit-shuffles 9 --workers 0");
    assert.deepEqual([r.budget.trials, r.budget.maxChars, r.budget.gruUnits, Object.keys(r.cells)], [2, 8000, 4, ["gru", "simpleRnn"]]);
    // --unit-chars and --unit-shuffles reach the unit tests (and change no trial: the same sweeps, read back, with other unit tests)
    assert.deepEqual([r.cells.gru.unitTests.characters, r.cells.gru.unitTests.shuffles], [400, 9]);
    const sweepsBefore = fs.readdirSync(path.join(dir, "sweeps")).filter((n) => !n.startsWith("unit-tests-")).sort();
    await assert.rejects(() => command.run(parseCommandArgs(command, [...args.slice(0, -4), "--unit-chars", "300", "--unit-shuffles", "4"])), /the figures are not/);
    const again = JSON.parse(fs.readFileSync(path.join(dir, "charlm.json"), "utf8"));
    assert.deepEqual([again.cells.gru.unitTests.characters, again.cells.gru.unitTests.shuffles], [300, 4]);
    assert.deepEqual(again.cells.gru.trialDirs, r.cells.gru.trialDirs, "the same trials");
    assert.deepEqual(again.cells.gru.testBpc, r.cells.gru.testBpc, "read back, not trained again");
    assert.deepEqual(fs.readdirSync(path.join(dir, "sweeps")).filter((n) => !n.startsWith("unit-tests-")).sort(), sweepsBefore);
    // In pieces: --cells lstm --keep-from the file (copied with its charlm-cells/ to another folder, as a committed file is read on another machine).
    const piece = path.join(dir, "piece");
    fs.mkdirSync(piece);
    fs.copyFileSync(path.join(dir, "charlm.json"), path.join(piece, "charlm.json"));
    fs.cpSync(path.join(dir, "charlm-cells"), path.join(piece, "charlm-cells"), { recursive: true });
    assert.deepEqual(fs.readdirSync(path.join(piece, "charlm-cells")).sort(), ["gru.log2p.f32", "simpleRnn.log2p.f32"]);
    const lstmArgs = [...args.slice(0, -4).map((a) => (a === "gru,simpleRnn" ? "lstm" : a)), "--unit-chars", "300", "--unit-shuffles", "4"];
    await assert.rejects(() => command.run(parseCommandArgs(command, [...lstmArgs.slice(0, -4), "--unit-chars", "400", "--unit-shuffles", "4", "--keep-from", path.join(piece, "charlm.json")])),
      /charlm study option keepFrom: the previous results' unitChars is 300, this run's 400/);
    await assert.rejects(() => command.run(parseCommandArgs(command, [...lstmArgs, "--keep-from", path.join(dir, "none.json")])), /grulab study charlm option --keep-from: .*none\.json does not exist/);
    await assert.rejects(() => command.run(parseCommandArgs(command, [...lstmArgs, "--keep-from", path.join(piece, "charlm.json")])), /the figures are not/);
    const merged = JSON.parse(fs.readFileSync(path.join(dir, "charlm.json"), "utf8"));
    assert.equal(merged.command, `grulab study charlm --seeds 1 --epochs 1 --cells lstm --units 4 --dropouts 0 --max-chars 8000 --unit-chars 300 --unit-shuffles 4 --workers 0 --keep-from "<charlm results of ${again.date}>"`);
    assert.deepEqual(Object.keys(merged.cells), ["gru", "lstm", "simpleRnn"]);
    assert.deepEqual(merged.cells.gru, again.cells.gru, "kept as it was");
    assert.deepEqual(Object.keys(merged.differences), ["gru-lstm", "gru-simpleRnn", "lstm-simpleRnn"]);
    assert.deepEqual(merged.budget.runs.map((x: { date: string }) => x.date), [again.date, merged.date]);
    assert.deepEqual(merged.budget.runs[1].keptFrom, { date: again.date, command: again.command, cells: ["gru", "simpleRnn"] });
    assert.ok(!JSON.stringify(merged.budget.runs).includes(dir), "no path of the kept file");
    assert.deepEqual(fs.readdirSync(path.join(dir, "charlm-cells")).sort(), ["gru.log2p.f32", "lstm.log2p.f32", "simpleRnn.log2p.f32"]);
    assert.equal(fs.statSync(path.join(dir, "charlm-cells", "lstm.log2p.f32")).size, 4 * (merged.budget.characters.test - 1));
    assert.throws(() => parseCommandArgs(command, ["charlm", "--unit-chars", "5"]), /--unit-chars.*an integer ≥ 8/);
    assert.throws(() => parseCommandArgs(command, ["charlm", "--unit-shuffles", "-1"]), /--unit-shuffles.*an integer ≥ 0/);
    await assert.rejects(() => command.run(parseCommandArgs(command, ["charlm", "--unit-chars", "30000", "--results", dir])), /option unitChars \(--unit-chars\): 30000, expected at most traceChars, 20000/);
    assert.equal(r.errorAnalysis.ngram.order, 20);
    await assert.rejects(() => command.run(parseCommandArgs(command, ["charlm", "--dropouts", "0,x", "--results", dir])), /option --dropouts: "x" is not a number/);
    // too short a text for 64 streams of 100 characters: the failed trial is named (the sweep's line for it gives the error)
    await assert.rejects(() => command.run(parseCommandArgs(command, [...args.slice(0, 7), "--max-chars", "3000", ...args.slice(9)])),
      /charlm study: trial \w+ \(gru, dropout 0, seed 1\) is failed: .+; see .*gru-u4-l2-c3000-T100-b64-lr0.002-e1\/results.csv, and run the study again to continue/);
  } finally {
    if (before === undefined) delete process.env.GRULAB_CHROMIUM; else process.env.GRULAB_CHROMIUM = before;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("grulab study charlm --help: the defaults are the budget of record (2 × 128, dropouts 0 and 0.25, 10 epochs, 3 seeds) and the full design's cost is results/charlm-cost.json's", () => {
  const cost = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../../results/charlm-cost.json"), "utf8"));
  const hours = Math.round(cost.fullRun.cpuHours_u256_30epochs);
  assert.match(command.description!, new RegExp(`--units 256 --dropouts 0,0.25,0.5 --epochs 30 \\(27 trials\\), needs about ${hours} CPU-hours`));
  const option = (name: string) => command.options!.find((o) => o.name === name)!;
  assert.equal(option("units").defaultDoc, "128");
  assert.equal(option("dropouts").defaultDoc, "0,0.25");
  assert.match(String(option("epochs").defaultDoc), /10 \(charlm\)/);
  assert.match(String(option("seeds").defaultDoc), /3 \(charlm\)/);
  assert.equal(option("unit-chars").defaultDoc, "20000");
  assert.equal(option("unit-shuffles").defaultDoc, "100");
  assert.match(String(option("keep-from").doc), /gru-vs-lstm, charlm: a previous results file at the same budget/);
  assert.match(command.description!, /in pieces, a cell per session: --cells gru, then --cells lstm --keep-from results\/charlm\.json/);
});
