import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readCsvFrame } from "../../src/index";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-csv-"));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
const COLUMNS = { numeric: ["precipitation", "wind"], text: ["date", "weather"] };

test("readCsvFrame reads a valid CSV into a danfo frame", async () => {
  const file = write("ok.csv", "date,precipitation,wind,weather\n2012-01-01,0.0,4.7,drizzle\n2012-01-02,10.9,4.5,rain\n");
  const df = await readCsvFrame(file, COLUMNS);
  assert.deepEqual(df.shape, [2, 4]);
  assert.deepEqual(df.column("precipitation").values, [0, 10.9]);
});

test("readCsvFrame: a missing file is an error naming it", async () => {
  const file = path.join(dir, "nope.csv");
  await assert.rejects(readCsvFrame(file, COLUMNS), (err: Error) => err.message === `${file}: file not found`);
});

test("readCsvFrame: a missing column is an error naming the file and the column", async () => {
  const file = write("nowind.csv", "date,precipitation,weather\n2012-01-01,0.0,drizzle\n");
  await assert.rejects(readCsvFrame(file, COLUMNS), (err: Error) =>
    err.message.startsWith(`${file}: missing column "wind"`) && err.message.includes("found: date, precipitation, weather"));
});

test("readCsvFrame: a non-numeric cell is an error naming the file, the line and the column", async () => {
  const file = write("word.csv", "date,precipitation,wind,weather\n2012-01-01,0.0,4.7,drizzle\n2012-01-02,0.0,4.5,rain\n2012-01-03,lots,2.3,rain\n");
  await assert.rejects(readCsvFrame(file, COLUMNS), (err: Error) =>
    err.message === `${file}: line 4 (data row 3), column "precipitation": expected a number, got "lots"`);
});

test("readCsvFrame: an empty numeric or text cell is an error naming its place", async () => {
  const num = write("emptynum.csv", "date,precipitation,wind,weather\n2012-01-01,0.0,,drizzle\n");
  await assert.rejects(readCsvFrame(num, COLUMNS), (err: Error) =>
    err.message === `${num}: line 2 (data row 1), column "wind": expected a number, got an empty cell`);
  const txt = write("emptytxt.csv", "date,precipitation,wind,weather\n2012-01-01,0.0,1,drizzle\n2012-01-02,0.0,1,\n");
  await assert.rejects(readCsvFrame(txt, COLUMNS), (err: Error) =>
    err.message.startsWith(`${txt}: line 3 (data row 2), column "weather": expected a value`));
});
