import { test } from "node:test";
import * as assert from "node:assert/strict";
import { formatCell } from "../../src/util/formatCell";

test("formatCell: integers in full, 4 significant digits, exponents for tiny and huge, — for absent", () => {
  const cases: Array<[unknown, string]> = [
    [42, "42"], [-3, "-3"], [0, "0"], [0.653219, "0.6532"], [12.34567, "12.35"], [0.1, "0.1"],
    [0.000123456, "1.235e-4"], [123456.7, "1.235e+5"], [NaN, "—"], [null, "—"], [undefined, "—"],
    [Infinity, "Infinity"], ["sun", "sun"], [true, "true"], [[1, 2], "[1,2]"], [new Date("2026-01-02T00:00:00Z"), "2026-01-02T00:00:00.000Z"],
  ];
  for (const [v, s] of cases) assert.equal(formatCell(v), s, String(v));
});
