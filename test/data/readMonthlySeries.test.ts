import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { datasetPath } from "../../src/data/datasetPath";
import { readMonthlySeries } from "../../src/data/readMonthlySeries";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-monthly-"));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
const columns = { date: "Date", value: "CO2" };

test("readMonthlySeries fills missing months by linear interpolation and lists them", async () => {
  const file = write("gap.csv", "Date,CO2\n2000-11-01,10\n2000-12-01,12\n2001-03-01,18\n2001-04,20\n");
  const s = await readMonthlySeries(file, columns);
  assert.deepEqual(s.months, ["2000-11", "2000-12", "2001-01", "2001-02", "2001-03", "2001-04"]);
  assert.deepEqual(s.values, [10, 12, 14, 16, 18, 20]);
  assert.deepEqual(s.filled, ["2001-01", "2001-02"]);
});

test("readMonthlySeries errors name the file, the line and the column", async () => {
  await assert.rejects(readMonthlySeries(write("bad-date.csv", "Date,CO2\n2000-01-01,1\n2000-13-01,2\n"), columns),
    /bad-date\.csv: line 3, column "Date": expected a date YYYY-MM-DD or YYYY-MM, got "2000-13-01"/);
  await assert.rejects(readMonthlySeries(write("back.csv", "Date,CO2\n2000-02-01,1\n2000-03-01,2\n2000-03-15,3\n"), columns),
    /back\.csv: line 4, column "Date": 2000-03-15 does not follow 2000-03-01/);
  await assert.rejects(readMonthlySeries(write("word.csv", "Date,CO2\n2000-02-01,1\n2000-03-01,n/a\n"), columns),
    /word\.csv: line 3 \(data row 2\), column "CO2": expected a number/);
  await assert.rejects(readMonthlySeries(write("cols.csv", "Date,ppm\n2000-02-01,1\n"), columns), /cols\.csv: missing column "CO2"/);
});

test("the bundled CO2 file: 746 months 1958-03 … 2020-04, 5 of them interpolated", async () => {
  const s = await readMonthlySeries(datasetPath("co2-concentration.csv"), columns);
  assert.equal(s.values.length, 746);
  assert.equal(s.months[0], "1958-03");
  assert.equal(s.months[745], "2020-04");
  assert.deepEqual(s.filled, ["1958-06", "1958-10", "1964-02", "1964-03", "1964-04"]);
  assert.equal(s.values[0], 315.7);
  assert.equal(s.values[745], 416.18);
});
