import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readCsvColumns, type CsvColumnSpec } from "../../src/data/readCsvColumns";

const SPECS: CsvColumnSpec[] = [
  { name: "date", kind: "date" },
  { name: "temp", kind: "number", min: -100, max: 70, unit: "°C" },
  { name: "x", kind: "number" },
  { name: "weather", kind: "class", classes: ["rain", "sun"] },
];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-csvcols-"));
const write = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };
const GOOD = "date,temp,extra,x,weather\n2013-01-01,1.5,a,2,sun\n\n2013-01-02,-3e1,\"b,c\",.5,rain\r\n2013-01-03,7,\"say \"\"hi\"\"\",1E2,sun";

test("readCsvColumns reads typed columns, skips blank lines and other columns, and remembers each row's line", async () => {
  const file = write("good.csv", "\uFEFF" + GOOD);
  const csv = await readCsvColumns(file, SPECS);
  assert.equal(csv.rows, 3);
  assert.deepEqual([...csv.lines], [2, 4, 5]);
  assert.deepEqual([...csv.days.date], [15706, 15707, 15708]); // days since 1970-01-01
  assert.deepEqual([...csv.numbers.temp], [1.5, -30, 7]);
  assert.deepEqual([...csv.numbers.x], [2, 0.5, 100]);
  assert.deepEqual(csv.classes.weather.classes, ["rain", "sun"]);
  assert.deepEqual([...csv.classes.weather.indices], [1, 0, 1]);
  // Longer than one read chunk (1 MiB): lines split across chunks are joined.
  const rows = Array.from({ length: 40000 }, (_, i) => `2013-01-01,${i % 50},pad-pad-pad,${i},sun`);
  const big = await readCsvColumns(write("big.csv", `date,temp,extra,x,weather\n${rows.join("\n")}\n`), SPECS);
  assert.equal(big.rows, 40000);
  assert.equal(big.numbers.x[39999], 39999);
  assert.equal(big.lines[39999], 40001);
});

test("readCsvColumns: every bad cell is an error naming the file, the line (header = 1), the column and what was expected", async () => {
  const cases: Array<[string, string, RegExp]> = [
    ["unknown class", "date,temp,x,weather\n2013-01-01,1,1,sun\n2013-01-02,1,1,hail\n", /: line 3, column "weather": unknown class "hail"; known: rain, sun\. To admit new classes/],
    ["case typo", "date,temp,x,weather\n2013-01-01,1,1,Rain\n", /: line 2, column "weather": unknown class "Rain" \(did you mean "rain"\? classes are case-sensitive\)/],
    ["trailing junk in a date", "date,temp,x,weather\n2013-03-01 junk,1,1,sun\n", /: line 2, column "date": "2013-03-01 junk" is not a date: expected a calendar day written YYYY-MM-DD/],
    ["29 February of a common year", "date,temp,x,weather\n2013-02-28,1,1,sun\n2013-02-29,1,1,sun\n", /: line 3, column "date": "2013-02-29" is not a date/],
    ["out of range", "date,temp,x,weather\n2013-01-01,1e30,1,sun\n", /: line 2, column "temp": 1e30 is out of range: expected -100 … 70 °C/],
    ["out of float32 range", "date,temp,x,weather\n2013-01-01,1,1e39,sun\n", /: line 2, column "x": 1e39 is out of range: expected .* \(float32\)/],
    ["not a number", "date,temp,x,weather\n2013-01-01,warm,1,sun\n", /: line 2, column "temp": expected a number, got "warm"/],
    ["NaN", "date,temp,x,weather\n2013-01-01,NaN,1,sun\n", /: line 2, column "temp": expected a finite number, got "NaN"/],
    ["Infinity", "date,temp,x,weather\n2013-01-01,1,-Infinity,sun\n", /: line 2, column "x": expected a finite number, got "-Infinity"/],
    ["hex", "date,temp,x,weather\n2013-01-01,1,0x10,sun\n", /: line 2, column "x": expected a number, got "0x10"/],
    ["empty number", "date,temp,x,weather\n2013-01-01,,1,sun\n", /: line 2, column "temp": expected a number, got an empty cell/],
    ["empty class", "date,temp,x,weather\n2013-01-01,1,1,\n", /: line 2, column "weather": expected a class, got an empty cell/],
    ["ragged short", "date,temp,x,weather\n2013-01-01,1,1,sun\n\n2013-01-02,1,sun\n", /: line 4: 3 cells, expected 4 as in the header \(line 1: date,temp,x,weather\)/],
    ["ragged long", "date,temp,x,weather\n2013-01-01,1,1,sun,extra\n", /: line 2: 5 cells, expected 4/],
    ["open quote", "date,temp,x,weather\n2013-01-01,1,\"1,sun\n", /: line 2: a quoted cell is not closed on its line/],
    ["missing column", "date,temp,weather\n2013-01-01,1,sun\n", /: missing column "x" \(found: date, temp, weather\)/],
    ["empty file", "", /: the file is empty; expected a header and data rows/],
    ["header only", "date,temp,x,weather\n\n", /: no data rows after the header/],
    ["blank header", "\ndate,temp,x,weather\n", /: line 1 is empty; expected a header/],
  ];
  for (const [name, text, want] of cases) {
    const file = write(`${name.replace(/ /g, "-")}.csv`, text);
    await assert.rejects(readCsvColumns(file, SPECS), (err: Error) => {
      assert.ok(err.message.startsWith(`${file}: `), `${name}: ${err.message}`);
      assert.match(err.message, want, name);
      return true;
    });
  }
  await assert.rejects(readCsvColumns(path.join(dir, "nope.csv"), SPECS), /nope\.csv: file not found/);
  await assert.rejects(readCsvColumns(dir, SPECS), /: not a file/);
});

test("readCsvColumns with newClasses admits unknown classes in order of first appearance", async () => {
  const file = write("new.csv", "date,temp,x,weather\n2013-01-01,1,1,hail\n2013-01-02,1,1,sun\n2013-01-03,1,1,fog\n2013-01-04,1,1,hail\n");
  const specs = SPECS.map((s) => (s.kind === "class" ? { ...s, newClasses: true } : s));
  const csv = await readCsvColumns(file, specs);
  assert.deepEqual(csv.classes.weather.classes, ["rain", "sun", "hail", "fog"]);
  assert.deepEqual([...csv.classes.weather.indices], [2, 1, 3, 2]);
});

test("readCsvColumns: CR-only line ends and a needed column named twice are errors that say so (and quote no file)", async () => {
  const mac = write("mac.csv", GOOD.replace(/\r?\n/g, "\r") + "\r" + "2013-01-04,1,z,1,sun\r".repeat(2000));
  await assert.rejects(readCsvColumns(mac, SPECS), (err: Error) => {
    assert.match(err.message, /mac\.csv: line ends are a bare CR \(old Mac style\); expected LF or CRLF: convert the file, e\.g\. tr/);
    assert.ok(err.message.length < 400, `a short message, not the file: ${err.message.length} characters`);
    return true;
  });
  const twice = write("twice.csv", "date,temp,x,temp,weather\n2013-01-01,1,2,3,sun\n");
  await assert.rejects(readCsvColumns(twice, SPECS), /twice\.csv: line 1 names column "temp" twice \(columns 2 and 4\); which one to read is ambiguous: rename or remove one/);
  // A column the reader does not need may repeat.
  const other = write("other.csv", "date,temp,x,weather,note,note\n2013-01-01,1,2,sun,a,b\n");
  assert.equal((await readCsvColumns(other, SPECS)).rows, 1);
});

test("readCsvColumns stops within a 1 MiB chunk once its signal is aborted (a Ctrl-C during a long file)", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-csv-abort-"));
  const file = path.join(dir, "long.csv");
  fs.writeFileSync(file, "wind\n" + "1.5\n".repeat(1_500_000)); // 6 MiB: six chunks
  const specs: CsvColumnSpec[] = [{ name: "wind", kind: "number", min: 0, max: 150 }];
  assert.equal((await readCsvColumns(file, specs)).rows, 1_500_000);
  const controller = new AbortController();
  let chunks = 0;
  const original = String.prototype.split;
  // Abort when the reader asks for its second chunk's lines: it must stop before a third.
  String.prototype.split = function (this: string, ...args: Parameters<typeof original>) { if (this.length > 1_000_000 && ++chunks === 2) controller.abort(new Error("SIGINT during loading the data")); return original.apply(this, args); } as typeof original;
  try {
    await assert.rejects(readCsvColumns(file, specs, { signal: controller.signal }), /SIGINT during loading the data/);
  } finally {
    String.prototype.split = original;
  }
  assert.equal(chunks, 2);
  await assert.rejects(readCsvColumns(file, specs, { signal: AbortSignal.abort(new Error("already")) }), /already/);
});
