// needs: none (runTutorial stops at its memory bound before any browser starts)
// Every bad input of issue #11 (and the ones that already held up) through the CLI, in child
// processes (`node bin/grulab.js tutorial --data <file>`, after `npm run build`), and through the
// library: the exit code, a message naming the file and line/column or the option, and no run
// folder left behind. Cases fail before training; the few that could train use 1 epoch of GRU(4).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { fromKerasGRU, fromTorchGRU, gru, initBackend, loadModel, loadSeattleWeather, traceGates } from "../../src/index";
import { runTutorial } from "../../src/studies/index";

const root = path.resolve(__dirname, "..", "..", "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-bad-"));
const good = fs.readFileSync(path.join(root, "datasets", "seattle-weather.csv"), "utf8").trim().split("\n");
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** A copy of the bundled file's first `rows` days with `edit` applied to the lines (index 0 = header = line 1). */
function csv(name: string, edit: (lines: string[]) => string[] = (l) => l, rows = 120): string {
  const file = path.join(tmp, `${name}.csv`);
  fs.writeFileSync(file, edit(good.slice(0, rows + 1).map((l) => l)).join("\n") + "\n");
  return file;
}
const setCell = (lines: string[], line: number, column: number, value: string) => {
  const cells = lines[line - 1].split(",");
  cells[column] = value;
  lines[line - 1] = cells.join(",");
  return lines;
};

interface Case {
  name: string;
  /** CLI arguments after `tutorial` (a fresh --out is added). */
  args: string[];
  env?: Record<string, string>;
  exit: number;
  /** The message on stderr (and from the library, when `library` is set). */
  message: RegExp;
  /** The same input through loadSeattleWeather: its file. */
  library?: string;
}

const F = (name: string, edit?: (lines: string[]) => string[], rows?: number) => csv(name, edit, rows);
const files = {
  hail: F("hail", (l) => setCell(l, 30, 5, "hail")),
  Rain: F("Rain", (l) => setCell(l, 12, 5, "Rain")),
  junkDate: F("junk-date", (l) => setCell(l, 61, 0, "2012-03-01 junk")),
  feb29: F("feb29", (l) => setCell(l, 60, 0, "2013-02-29")),
  huge: F("huge", (l) => setCell(l, 44, 1, "1e30")),
  ragged: F("ragged", (l) => { l[70] += ",extra"; return l; }),
  shortRow: F("short-row", (l) => { l[80] = l[80].split(",").slice(0, 4).join(","); return l; }),
  empty: F("empty", () => [""]),
  headerOnly: F("header-only", (l) => l.slice(0, 1)),
  noWind: F("no-wind", (l) => l.map((line) => line.split(",").filter((_, i) => i !== 4).join(","))),
  word: F("word", (l) => setCell(l, 9, 2, "warm")),
  nan: F("nan", (l) => setCell(l, 9, 3, "NaN")),
  inf: F("inf", (l) => setCell(l, 10, 1, "Infinity")),
  emptyCell: F("empty-cell", (l) => setCell(l, 11, 4, "")),
  short: F("short", undefined, 15),
  swapped: F("swapped", (l) => { [l[20], l[21]] = [l[21], l[20]]; return l; }),
  duplicate: F("duplicate", (l) => { l[33] = l[32]; return l; }),
  gappy: F("gappy", (l) => l.filter((_, i) => i === 0 || i % 10 !== 0)),
};
const missing = path.join(tmp, "missing.csv");
const at = (file: string, rest: string) => new RegExp(`${esc(file)}: ${rest}`);
/** A bad data file: `tutorial --data <file>` exits 1 and loadSeattleWeather rejects, both with `<file>: <rest>` (rest: a regular expression). */
const badFile = (name: string, file: string, rest: string): Case => ({ name, args: ["--data", file], exit: 1, message: at(file, rest), library: file });

const CASES: Case[] = [
  badFile("unknown class hail", files.hail, 'line 30, column "weather": unknown class "hail"; known: drizzle, fog, rain, snow, sun'),
  // --new-classes admits hail: the file then fails only later, on a window longer than its training days.
  { name: "hail admitted by --new-classes", args: ["--data", files.hail, "--new-classes", "--timesteps", "100"], exit: 1, message: at(files.hail, "timesteps 100 leaves no training window") },
  badFile("class typo Rain", files.Rain, 'line 12, column "weather": unknown class "Rain" \\(did you mean "rain"\\?'),
  badFile("date with trailing junk", files.junkDate, 'line 61, column "date": "2012-03-01 junk" is not a date'),
  badFile("2013-02-29", files.feb29, 'line 60, column "date": "2013-02-29" is not a date'),
  badFile("1e30", files.huge, 'line 44, column "precipitation": 1e30 is out of range: expected 0 … 2000 mm'),
  badFile("ragged row (long)", files.ragged, "line 71: 7 cells, expected 6"),
  badFile("ragged row (short)", files.shortRow, "line 81: 4 cells, expected 6"),
  badFile("missing file", missing, "file not found"),
  badFile("a folder as data", tmp, "not a file"),
  badFile("empty file", files.empty, "line 1 is empty; expected a header"),
  badFile("header only", files.headerOnly, "no data rows after the header"),
  badFile("missing column", files.noWind, 'missing column "wind" \\(found: date, precipitation, temp_max, temp_min, weather\\)'),
  badFile("non-numeric cell", files.word, 'line 9, column "temp_max": expected a number, got "warm"'),
  badFile("NaN cell", files.nan, 'line 9, column "temp_min": expected a finite number, got "NaN"'),
  badFile("Infinity cell", files.inf, 'line 10, column "precipitation": expected a finite number, got "Infinity"'),
  badFile("empty cell", files.emptyCell, 'line 11, column "wind": expected a number, got an empty cell'),
  badFile("too-short series", files.short, "timesteps 14 leaves no training window \\(11 training days of 15\\); use fewer timesteps \\(--timesteps\\)"),
  badFile("out-of-order dates", files.swapped, 'line 22, column "date": 2012-01-20 does not follow 2012-01-21 \\(line 21\\)'),
  badFile("repeated date", files.duplicate, 'line 34, column "date": 2012-02-01 does not follow 2012-02-01 \\(line 33\\)'),
  badFile("gaps leave no window", files.gappy, "no training window: no 14 consecutive days before a target day on lines 2–77 \\(11 gaps in the series\\); use fewer timesteps \\(--timesteps\\)"),
  { name: "--units 0", args: ["--units", "0"], exit: 2, message: /option --units expects an integer ≥ 1, got "0"/ },
  { name: "--epochs x", args: ["--epochs", "x"], exit: 2, message: /option --epochs expects an integer ≥ 1, got "x"/ },
  { name: "--backend gpu", args: ["--backend", "gpu"], exit: 2, message: /option --backend expects one of .*, got "gpu"/ },
  { name: "unknown option", args: ["--colour", "blue"], exit: 2, message: /Unknown option '--colour'/ },
  { name: "--data without a value", args: ["--data"], exit: 2, message: /Option '--data <value>' argument missing/ },
  { name: "--units 100000", args: ["--units", "100000"], exit: 1, message: /memory bound: the tutorial with --units 100000 would need about .* over the memory limit .* lower --units ≤ \d+/ },
  { name: "--units 5000", args: ["--units", "5000"], exit: 1, message: /memory bound: the fused GRU kernel would need .* lower --units ≤ \d+/ },
  { name: "tiny GRULAB_MEMORY_LIMIT", args: [], env: { GRULAB_MEMORY_LIMIT: "180M" }, exit: 1, message: /over the memory limit of 180\.0 MiB \(GRULAB_MEMORY_LIMIT=180M; .* lower --units ≤ \d+/ },
  { name: "bad GRULAB_MEMORY_LIMIT", args: [], env: { GRULAB_MEMORY_LIMIT: "lots" }, exit: 1, message: /GRULAB_MEMORY_LIMIT: "lots" is not a memory size/ },
];

function cli(c: Case, out: string): Promise<{ code: number | null; stderr: string; stdout: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "bin", "grulab.js"), "tutorial", "--out", out, "--epochs", "1", "--backend", "cpu", ...c.args],
      { env: { ...process.env, GRULAB_MEMORY_LIMIT: "", ...c.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stderr, stdout, ms: performance.now() - t0 }));
  });
}

test("every bad input through the CLI: exit code, a message naming file and line/column or option, no run folder", { timeout: 600_000 }, async () => {
  const results: Array<[Case, Awaited<ReturnType<typeof cli>>, string]> = [];
  const queue = [...CASES.entries()];
  // Three children at a time: each spends most of its time loading tfjs.
  await Promise.all([0, 1, 2].map(async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [i, c] = next;
      const out = path.join(tmp, `runs-${i}`);
      results.push([c, await cli(c, out), out]);
    }
  }));
  for (const [c, r, out] of results) {
    assert.equal(r.code, c.exit, `${c.name}: exit ${r.code}\n${r.stderr}`);
    assert.match(r.stderr, c.message, c.name);
    assert.match(r.stderr, /^grulab: /m, `${c.name}: the message starts with "grulab:"`);
    assert.ok(!r.stderr.includes("    at "), `${c.name}: no stack trace:\n${r.stderr}`);
    const left = fs.existsSync(out) ? fs.readdirSync(out) : [];
    assert.deepEqual(left, [], `${c.name}: no run folder left in ${out}`);
  }
  const bound = results.find(([c]) => c.name === "--units 100000")![1];
  console.log(`--units 100000 stopped after ${bound.ms.toFixed(0)} ms (process start and module loading included)`);
});

test("the same bad files through the library: loadSeattleWeather rejects with the same message and leaks no tensor", async () => {
  await initBackend("cpu");
  const before = tf.memory().numTensors;
  for (const c of CASES.filter((k) => k.library !== undefined)) {
    await assert.rejects(loadSeattleWeather({ file: c.library, verbose: false }), (err: Error) => {
      assert.match(err.message, c.message, c.name);
      return true;
    });
    assert.equal(tf.memory().numTensors, before, c.name);
  }
  // Admitting new classes deliberately makes the hail file load, with six classes.
  const data = await loadSeattleWeather({ file: files.hail, newClasses: true, verbose: false });
  assert.deepEqual(data.classes.slice(5), ["hail"]);
  data.dispose();
  // Gaps alone are no error: they are reported, and the windows skip them.
  const gappy = await loadSeattleWeather({ file: files.gappy, timesteps: 5, verbose: false });
  assert.equal(gappy.gaps.length, 11); // every 10th day removed, the last row being the end, not a gap
  gappy.dispose();
});

test("library edges: bad weights, folders, shapes and sizes are errors naming what is wrong, before anything is allocated", async () => {
  await initBackend("cpu");
  const before = tf.memory().numTensors;
  const t0 = performance.now();
  await assert.rejects(runTutorial({ units: 100000, out: path.join(tmp, "lib-runs") }), /memory bound: the tutorial with --units 100000/);
  assert.ok(performance.now() - t0 < 1000, `runTutorial({ units: 100000 }) stopped after ${(performance.now() - t0).toFixed(0)} ms`);
  assert.ok(!fs.existsSync(path.join(tmp, "lib-runs")));
  assert.throws(() => fromTorchGRU(null as unknown as Record<string, number[]>), /fromTorchGRU: expected a state dict .*, got null/);
  assert.throws(() => fromKerasGRU([[NaN, 0, 0]], [[0, 0, 0]]), /fromKerasGRU: kernel: value at \[0\]\[0\] is NaN, expected a finite number/);
  const nanTensor = tf.tensor2d([[NaN, 0, 0]]);
  assert.throws(() => fromKerasGRU(nanTensor, [[0, 0, 0]]), /kernel: value at \[0\]\[0\] is NaN/);
  nanTensor.dispose();
  const dir = path.join(tmp, "model");
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "model.json"), JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ["../../../../../../../etc/hostname"], weights: [] }] }));
  await assert.rejects(loadModel(dir), /lists weights path "\.\.\/.*etc\/hostname", which is outside the model folder/);
  const model = tf.sequential({ layers: [gru({ units: 2, inputShape: [14, 6] })] });
  const x = tf.zeros([1, 20, 6]);
  assert.throws(() => traceGates(model, x), /20 time steps, the model takes 14/);
  x.dispose();
  model.dispose();
  assert.equal(tf.memory().numTensors, before);
});
