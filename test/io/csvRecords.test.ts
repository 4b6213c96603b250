import { test } from "node:test";
import * as assert from "node:assert/strict";
import { csvRecords, parseCsv } from "../../src/index";

test("csvRecords reads required numbers, optional numbers (empty/NaN → NaN) and strings", () => {
  const table = parseCsv("epoch,loss,val_loss,name,extra\n1,0.5,,a,z\n2,0.25,NaN,b,z\n3,1e-3,0.75,c,z\n", "h.csv");
  const rows = csvRecords(table, "h.csv", { numbers: ["epoch", "loss"], optionalNumbers: ["val_loss"], strings: ["name"] });
  assert.deepEqual(rows.map((r) => [r.epoch, r.loss, r.name]), [[1, 0.5, "a"], [2, 0.25, "b"], [3, 0.001, "c"]]);
  assert.ok(Number.isNaN(rows[0].val_loss as number) && Number.isNaN(rows[1].val_loss as number));
  assert.equal(rows[2].val_loss, 0.75);
  assert.equal(rows[0].extra, undefined, "columns not asked for are not read");
});

test("csvRecords names file, line and column of a missing column or a bad number", () => {
  const table = parseCsv("epoch,loss\n1,0.5\n2,abc\n", "runs/x/history.csv");
  assert.throws(() => csvRecords(table, "runs/x/history.csv", { numbers: ["epoch", "acc"] }), /runs\/x\/history\.csv: missing column "acc" \(columns: epoch,loss\)/);
  assert.throws(() => csvRecords(table, "runs/x/history.csv", { numbers: ["loss"] }), /runs\/x\/history\.csv: line 3, column "loss": "abc" is not a finite number/);
  assert.throws(() => csvRecords(parseCsv("a,b\n,1\n", "e.csv"), "e.csv", { numbers: ["a"] }), /e\.csv: line 2, column "a": "" is not a finite number/);
  assert.throws(() => csvRecords(table, "h.csv", { optionalNumbers: ["loss"] }), /line 3, column "loss": "abc" is not a number/);
});
