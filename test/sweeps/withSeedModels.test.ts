import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { withSeedModels } from "../../src/sweeps/withSeedModels";

test("withSeedModels names the caller, the seed and its run folder when a seed has no finished trial, and calls nothing for it", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-seed-models-"));
  try {
    const calls: number[] = [];
    const use = (_model: unknown, row: Record<string, unknown>) => { calls.push(Number(row.seed)); return 0; };
    const sweep = { dir, rows: [{ trialId: "0007", seed: 1, status: "failed" }] };
    await assert.rejects(() => withSeedModels(sweep, [1], "mySweep", use),
      new RegExp(`^Error: mySweep: seed 1 of ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is failed \\(.*trials.0007\\): see its run folder; running the study again retries it$`));
    await assert.rejects(() => withSeedModels(sweep, [2], "mySweep", use), /mySweep: seed 2 of .* is missing: see its run folder/);
    assert.deepEqual(calls, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
