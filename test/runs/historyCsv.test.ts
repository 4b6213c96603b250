import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { historyToCsv, readHistoryCsv } from "../../src/runs/historyCsv";
import type { HistoryRow } from "../../src/training/historyRow";

test("historyToCsv writes the shared columns at full precision and readHistoryCsv reads them back", async () => {
  const rows: HistoryRow[] = [
    { epoch: 1, loss: 1.2345678901234, val_loss: 1.3, acc: 0.4, val_acc: 0.375, seconds: 2.5 },
    { epoch: 2, loss: 0.9, val_loss: NaN, acc: 0.5, val_acc: NaN, seconds: 2.25 },
  ];
  const text = historyToCsv(rows);
  assert.equal(text, "epoch,loss,val_loss,acc,val_acc,seconds\n1,1.2345678901234,1.3,0.4,0.375,2.5\n2,0.9,,0.5,,2.25\n");
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-hist-")), "history.csv");
  fs.writeFileSync(file, text);
  const back = await readHistoryCsv(file);
  assert.deepEqual(back, rows);
});
