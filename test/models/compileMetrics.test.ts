import { test } from "node:test";
import * as assert from "node:assert/strict";
import { compileMetrics } from "../../src/models/compileMetrics";

test("compileMetrics: undefined is the builders' default [\"accuracy\"], an array of names is kept (a copy), [] is the loss alone", () => {
  assert.deepEqual(compileMetrics("b", undefined), ["accuracy"]);
  assert.deepEqual(compileMetrics("b", []), []);
  const names = ["accuracy", "precision"];
  const out = compileMetrics("b", names);
  assert.deepEqual(out, ["accuracy", "precision"]);
  out.push("recall");
  assert.deepEqual(names, ["accuracy", "precision"], "the caller's array is not the one returned");
});

test("compileMetrics rejects anything but an array of non-empty names, naming the builder and the value", () => {
  for (const bad of ["accuracy", null, [1], [""], ["accuracy", {}], {}]) {
    assert.throws(() => compileMetrics("buildCharLm", bad),
      new RegExp(`^Error: buildCharLm: option metrics must be an array of metric names \\(e\\.g\\. \\["accuracy"\\] or \\[\\]\\), got ${JSON.stringify(JSON.stringify(bad)).slice(1, -1).replace(/[[\]{}().]/g, "\\$&")}$`));
  }
});
