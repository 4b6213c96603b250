import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import { datasetPath } from "../../src/advanced/index";

test("datasetPath finds the bundled seattle-weather.csv from any working directory", () => {
  const cwd = process.cwd();
  try {
    process.chdir("/");
    const file = datasetPath("seattle-weather.csv");
    assert.ok(fs.existsSync(file), file);
    assert.match(fs.readFileSync(file, "utf8").split("\n")[0], /^date,precipitation,temp_max,temp_min,wind,weather/);
  } finally {
    process.chdir(cwd);
  }
});
