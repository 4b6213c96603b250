import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkTutorialMemory } from "../../src/bounds/checkTutorialMemory";
import { estimateMemory } from "../../src/bounds/estimateMemory";

/** Runs `f` with console.log captured. */
function logged<T>(f: () => T): { value: T; lines: string[] } {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...a: unknown[]) => { lines.push(a.join(" ")); };
  try {
    return { value: f(), lines };
  } finally {
    console.log = original;
  }
}

test("checkTutorialMemory counts the file's rows and estimates the tutorial's model (six features, five classes)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-ctm-"));
  const file = path.join(dir, "w.csv");
  fs.writeFileSync(file, "date,precipitation,temp_max,temp_min,wind,weather\n" + "2012-01-01,0,1,1,1,sun\n".repeat(1000));
  const { value, lines } = logged(() => checkTutorialMemory({ units: 16, timesteps: 14, batchSize: 32, file, memoryLimit: "1G" }));
  assert.equal(value.peak, estimateMemory({ units: 16, timesteps: 14, features: 6, classes: 5, batchSize: 32, rows: 1000, flatBaseline: true }).peak);
  assert.deepEqual(lines, [], "a small job says nothing");
  // A missing file counts 0 rows (the loader names it later).
  assert.equal(checkTutorialMemory({ units: 16, timesteps: 14, batchSize: 32, file: path.join(dir, "none.csv") }).peak,
    estimateMemory({ units: 16, timesteps: 14, features: 6, classes: 5, batchSize: 32, rows: 0, flatBaseline: true }).peak);
});

test("checkTutorialMemory: GRU(5000) stops on the fused kernel's limit, and runs with the reference, announcing its long setup", () => {
  assert.throws(() => checkTutorialMemory({ units: 5000, timesteps: 14, batchSize: 32, memoryLimit: "1000G" }), /the fused GRU kernel would need/);
  for (const o of [{ gruImplementation: "reference" }, { gru: "tfjs" }, { backend: "tensorflow" }]) {
    const { lines } = logged(() => checkTutorialMemory({ units: 5000, timesteps: 14, batchSize: 32, memoryLimit: "1000G", ...o }));
    assert.equal(lines.length, 1, JSON.stringify(o));
    assert.match(lines[0], /^setting up GRU\(5000\): about \d+\.\d GiB of 1000\.0 GiB allowed \(option memoryLimit \(1000G\)\); the orthogonal initializer of its 5000×15000 recurrent kernel takes about \d+ min$/);
  }
  assert.throws(() => checkTutorialMemory({ units: 5000, timesteps: 14, batchSize: 32, gruImplementation: "reference", memoryLimit: "1G" }),
    /over the memory limit of 1\.0 GiB \(option memoryLimit \(1G\); .* lower --units ≤ \d+/);
});
