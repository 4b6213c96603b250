import { test } from "node:test";
import * as assert from "node:assert/strict";
import { CHROMIUM_ARGS } from "../../src/export/chromiumArgs";

test("CHROMIUM_ARGS run headless without sandbox, GPU or background network traffic", () => {
  for (const flag of ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]) {
    assert.ok(CHROMIUM_ARGS.includes(flag), flag);
  }
  assert.ok(!CHROMIUM_ARGS.some((a) => a.startsWith("--user-data-dir")), "playwright gives each launch a fresh profile");
});
