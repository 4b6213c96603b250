import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readResultsTable, ResultsTable } from "../../src/sweeps/resultsTable";
import { readSweepJson, SWEEP_FILES, writeResultsCsv, type SweepRow } from "../../src/sweeps/sweepFiles";
import { trialId } from "../../src/sweeps/trialId";
import type { TrialResult } from "../../src/sweeps/trialSpec";

const tmp = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `grulab-table-${label}-`));

function table(n: number): SweepRow[] {
  return Array.from({ length: n }, (_, i) => ({ trialId: trialId({ cell: i % 2 ? "gru" : "lstm", seed: i }), config: { cell: i % 2 ? "gru" : "lstm", seed: i }, result: null }));
}

function result(row: SweepRow, value: number, metrics?: Record<string, number>): TrialResult {
  return { trialId: row.trialId, status: "finished", best: value, bestEpoch: 2, epochs: 3, seconds: 1.2345678, worker: "w,1", runDir: "", history: [value], ...(metrics ? { metrics } : {}) };
}

/** A fresh folder holding results.csv written whole from `rows` (writeResultsCsv). */
function writeWhole(rows: SweepRow[]): string {
  const dir = tmp("whole");
  writeResultsCsv(dir, ["cell", "seed"], "val_loss", rows);
  return dir;
}

/** The table a full rewrite of every row gives, read back. */
const wholeTable = (rows: SweepRow[]) => readResultsTable(writeWhole(rows));

test("ResultsTable: results.csv is rewritten only every rows/64 changes, yet results.csv + journal always read as the whole table", () => {
  const dir = tmp("writer");
  const rows = table(640); // a rewrite every 10 changes
  const t = new ResultsTable(dir, ["cell", "seed"], "val_loss", rows);
  t.begin();
  const csv = path.join(dir, SWEEP_FILES.results);
  const rewrites: number[] = [];
  let last = fs.readFileSync(csv, "utf8");
  for (let k = 0; k < 35; k++) {
    const i = (k * 37) % rows.length;
    rows[i].result = result(rows[i], 0.5 + k / 100, k === 20 ? { accuracy: 0.75 } : undefined);
    t.changed(i);
    const now = fs.readFileSync(csv, "utf8");
    if (now !== last) rewrites.push(k + 1);
    last = now;
    assert.deepEqual(readResultsTable(dir), wholeTable(rows), `after change ${k + 1}`);
  }
  assert.deepEqual(rewrites, [10, 20, 30], "results.csv rewritten at every 10th change (640 rows / 64)");
  assert.equal(fs.readFileSync(path.join(dir, SWEEP_FILES.journal), "utf8").split("\n").length - 1, 35, "one journal line per change");
  t.close();
  assert.equal(fs.readFileSync(csv, "utf8"), fs.readFileSync(path.join(writeWhole(rows), SWEEP_FILES.results), "utf8"), "flushed: results.csv is the whole table byte for byte");
  // Applying the journal again to a csv that holds it changes nothing.
  assert.deepEqual(readResultsTable(dir), wholeTable(rows));
  // A new run begins with an empty journal.
  t.begin();
  assert.equal(fs.readFileSync(path.join(dir, SWEEP_FILES.journal), "utf8"), "");
  t.close();
});

test("readResultsTable: a test column only the journal has is added; a torn last line is left out; a bad line names file and line", () => {
  const dir = tmp("reader");
  const rows = table(4);
  writeResultsCsv(dir, ["cell", "seed"], "val_loss", rows);
  const journal = path.join(dir, SWEEP_FILES.journal);
  const changed = { ...rows[2], result: result(rows[2], 0.25, { mae: 0.5 }) };
  const line = JSON.stringify({ trialId: rows[2].trialId, cell: "lstm", seed: "2", status: "finished", val_loss: "0.25", bestEpoch: "2", epochs: "3", seconds: "1.235", worker: "w,1", test_mae: "0.5" });
  fs.writeFileSync(journal, line + "\n" + line.slice(0, 30));
  const read = readResultsTable(dir);
  assert.deepEqual(read.columns, ["trialId", "cell", "seed", "status", "val_loss", "bestEpoch", "epochs", "seconds", "worker", "error", "test_mae"]);
  assert.deepEqual(read, wholeTable([rows[0], rows[1], changed, rows[3]]));
  assert.equal(read.rows[0].test_mae, "", "the other rows have the new column empty");
  fs.writeFileSync(journal, "{not json\n" + line + "\n");
  assert.throws(() => readResultsTable(dir), new RegExp(`${journal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: line 1 is not JSON`));
  fs.writeFileSync(journal, JSON.stringify({ trialId: "nosuchtrial" }) + "\n");
  assert.throws(() => readResultsTable(dir), /line 1: trial "nosuchtrial" has no row in .*results\.csv/);
});

test("a sweep driver SIGKILLed at any moment leaves a table that reads back whole: every row, each pending or its exact result", async () => {
  const child = path.join(__dirname, "resultsTableChild.js");
  const n = 3000;
  const expected = (seed: number) => 1 / (seed + 1);
  const midway: number[] = [];
  // Kill points spread over the run (measured from "ready"), and one run left to finish.
  for (const killAfterMs of [0, 40, 150, 400, -1]) {
    const dir = tmp("kill");
    const proc = spawn(process.execPath, [child, dir, String(n)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "";
    proc.stderr.on("data", (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on("data", (d) => { out += d; if (out.includes("ready")) resolve(); });
      proc.on("exit", () => (out.includes("ready") ? resolve() : reject(new Error(`child exited before ready: ${err}`))));
    });
    if (killAfterMs >= 0) {
      await new Promise((resolve) => setTimeout(resolve, killAfterMs));
      proc.kill("SIGKILL");
    }
    const code = await exited;
    if (killAfterMs < 0) assert.equal(code, 0, err);
    const sweep = path.join(dir, "crash");
    if (!fs.existsSync(path.join(sweep, SWEEP_FILES.results))) continue; // killed before the table's first write
    const { columns, rows } = readResultsTable(sweep);
    assert.equal(rows.length, n, `killed after ${killAfterMs} ms: every planned row`);
    const seeds = new Set<number>();
    let finished = 0;
    for (const row of rows) {
      seeds.add(Number(row.seed));
      assert.ok(row.status === "pending" || row.status === "finished", `status ${row.status}`);
      if (row.status === "finished") {
        finished++;
        assert.equal(Number(row.val_loss), expected(Number(row.seed)), `seed ${row.seed}: its exact val_loss`);
        assert.equal(Number(row.test_mae), 2 / (Number(row.seed) + 1));
      } else {
        assert.equal(row.val_loss, "");
      }
    }
    assert.equal(seeds.size, n, "no row twice, none missing");
    if (killAfterMs >= 0 && finished > 0 && finished < n) midway.push(finished);
    if (killAfterMs < 0) {
      assert.equal(finished, n);
      assert.deepEqual(columns, ["trialId", "seed", "status", "val_loss", "bestEpoch", "epochs", "seconds", "worker", "error", "test_mae"]);
      const info = readSweepJson(sweep);
      assert.deepEqual([info.status, info.completed, info.epochsSpent, info.best?.value], ["finished", n, n, 1 / (n + 1)], "sweep.json's running totals: every trial, the best is the last seed");
      // At the end results.csv alone is the whole table.
      fs.rmSync(path.join(sweep, SWEEP_FILES.journal));
      assert.equal(readResultsTable(sweep).rows.filter((r) => r.status === "finished").length, n);
    }
  }
  assert.ok(midway.length > 0, "at least one kill landed while results were being written");
  process.stdout.write(`# killed with ${midway.join(", ")} of ${n} results written\n`);
});
