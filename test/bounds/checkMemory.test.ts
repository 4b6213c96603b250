import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkMemory, countCsvRows } from "../../src/bounds/checkMemory";
import { estimateMemory, formatBytes } from "../../src/bounds/estimateMemory";
import { datasetPath } from "../../src/data/datasetPath";

const base = { units: 128, timesteps: 14, features: 6, classes: 5, batchSize: 32, rows: 1461 };
const limit = (bytes: number) => ({ bytes, source: "test limit" });

test("checkMemory returns the estimate under the limit and throws over it with the estimate, the limit and the largest value that fits", () => {
  assert.equal(checkMemory(base, limit(2 ** 30)).peak, estimateMemory(base).peak);
  const input = { ...base, units: 2000, implementation: "tf-ops" as const };
  const bytes = 200 * 2 ** 20;
  assert.throws(() => checkMemory(input, limit(bytes), "the tutorial with --units 2000"), (err: Error) => {
    const m = err.message;
    assert.match(m, new RegExp(`^memory bound: the tutorial with --units 2000 would need about ${formatBytes(estimateMemory(input).peak).replace(".", "\\.")} \\(`));
    assert.match(m, new RegExp(`over the memory limit of 200\\.0 MiB \\(test limit; set GRULAB_MEMORY_LIMIT`));
    assert.match(m, /Stopped before allocating anything: lower --units ≤ \d+/);
    const fit = Number(/--units ≤ (\d+)/.exec(m)![1]);
    assert.ok(estimateMemory({ ...input, units: fit }).peak <= bytes, "the suggested units fit");
    assert.ok(estimateMemory({ ...input, units: fit + 1 }).peak > bytes, "one more unit does not");
    return true;
  });
});

test("checkMemory names rows (the data) when the file is what does not fit", () => {
  const input = { ...base, rows: 5_000_000 };
  assert.throws(() => checkMemory(input, limit(500 * 2 ** 20)), (err: Error) => {
    const fit = Number(/--data \(rows\) ≤ (\d+)/.exec(err.message)![1]);
    assert.ok(estimateMemory({ ...input, rows: fit }).peak <= 500 * 2 ** 20 && estimateMemory({ ...input, rows: fit + 1 }).peak > 500 * 2 ** 20);
    return true;
  });
});

test("checkMemory stops GRU(100000) and GRU(5000) at once: the fused kernel cannot hold them", () => {
  const t0 = performance.now();
  assert.throws(() => checkMemory({ ...base, units: 100000 }, limit(10 * 2 ** 30)), /would need about 899\.2 GiB .* --units ≤ \d+\.$/);
  assert.throws(() => checkMemory({ ...base, units: 5000 }, limit(1000 * 2 ** 30)),
    /^Error: memory bound: the fused GRU kernel would need 1\.\d GiB of its 1\.0 GiB memory\. Stopped before allocating anything: lower --units ≤ \d+ .*or use --gru-implementation reference/);
  assert.ok(performance.now() - t0 < 1000, `${performance.now() - t0} ms`);
});

test("countCsvRows counts data lines, not blank ones, and 0 for a missing file", () => {
  assert.equal(countCsvRows(datasetPath("seattle-weather.csv")), 1461);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-count-"));
  const file = path.join(dir, "a.csv");
  fs.writeFileSync(file, "h\r\n1\r\n\r\n2\n \n3");
  assert.equal(countCsvRows(file), 3);
  assert.equal(countCsvRows(path.join(dir, "none.csv")), 0);
  assert.equal(countCsvRows(dir), 0);
});
