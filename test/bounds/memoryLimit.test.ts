import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as os from "os";
import { DEFAULT_MEMORY_SHARE, memoryLimit, parseMemorySize } from "../../src/bounds/memoryLimit";

test("parseMemorySize reads bytes, binary units and shares of free memory", () => {
  assert.equal(parseMemorySize("1500", "X"), 1500);
  assert.equal(parseMemorySize("8G", "X"), 8 * 2 ** 30);
  assert.equal(parseMemorySize("512MiB", "X"), 512 * 2 ** 20);
  assert.equal(parseMemorySize(" 1.5 gb ", "X"), 1.5 * 2 ** 30);
  assert.equal(parseMemorySize("25%", "X", 4000), 1000);
  for (const bad of ["", "lots", "8Q", "-1G", "0", "150%", "0%"]) {
    assert.throws(() => parseMemorySize(bad, "GRULAB_MEMORY_LIMIT"), new RegExp(`^Error: GRULAB_MEMORY_LIMIT: "${bad}" is not a memory size; expected bytes or a number with K, M, G or T`), bad);
  }
});

test("memoryLimit: the option wins over GRULAB_MEMORY_LIMIT, which wins over half of the free memory", () => {
  assert.deepEqual(memoryLimit("2G", { GRULAB_MEMORY_LIMIT: "8G" }), { bytes: 2 * 2 ** 30, source: "option memoryLimit (2G)" });
  assert.deepEqual(memoryLimit(1234, {}), { bytes: 1234, source: "option memoryLimit (1234)" });
  assert.deepEqual(memoryLimit(undefined, { GRULAB_MEMORY_LIMIT: "8G" }), { bytes: 8 * 2 ** 30, source: "GRULAB_MEMORY_LIMIT=8G" });
  const free = os.freemem();
  const d = memoryLimit(undefined, {});
  assert.ok(Math.abs(d.bytes - DEFAULT_MEMORY_SHARE * free) < 0.05 * free, `${d.bytes} vs half of ${free}`);
  assert.match(d.source, /^50% of free memory \(\d+\.\d GiB free\)$/);
  assert.throws(() => memoryLimit(undefined, { GRULAB_MEMORY_LIMIT: "big" }), /GRULAB_MEMORY_LIMIT: "big" is not a memory size/);
  assert.throws(() => memoryLimit(-5, {}), /option memoryLimit: -5, expected a positive number of bytes/);
});
