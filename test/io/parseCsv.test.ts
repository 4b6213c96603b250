import { test } from "node:test";
import * as assert from "node:assert/strict";
import { parseCsv } from "../../src/index";

test("parseCsv reads quoted fields with commas, doubled quotes and newlines, CRLF and a trailing newline", () => {
  const t = parseCsv('a,b\r\n1,"x, ""y"""\r\n2,"two\nlines"\r\n', "t.csv");
  assert.deepEqual(t.header, ["a", "b"]);
  assert.deepEqual(t.rows, [["1", 'x, "y"'], ["2", "two\nlines"]]);
});

test("parseCsv keeps empty fields and ignores blank lines", () => {
  const t = parseCsv("a,b,c\n1,,3\n\n4,5,\n", "t.csv");
  assert.deepEqual(t.rows, [["1", "", "3"], ["4", "5", ""]]);
});

test("parseCsv names the file and line of a row with the wrong number of fields", () => {
  assert.throws(() => parseCsv("a,b\n1,2\n3\n", "runs/x/history.csv"), /runs\/x\/history\.csv: line 3 has 1 fields, the header has 2/);
  assert.throws(() => parseCsv("", "e.csv"), /e\.csv: empty file/);
  assert.throws(() => parseCsv('a\n"open', "q.csv"), /q\.csv: line 2: unterminated quoted field/);
});
