// scripts/bundle-danfo.js (run by `npm run build`): danfo vendored into dist/vendor/danfojs-node.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const VENDOR = path.join(ROOT, "dist", "vendor", "danfojs-node");

test("the vendored danfo works on the project's one tfjs, keeps its class names and has no Excel support", async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dfd = require(VENDOR) as typeof import("danfojs-node");
  const df = new dfd.DataFrame([[1, 2], [3, 5]], { columns: ["a", "b"] });
  assert.equal(df.constructor.name, "DataFrame");
  assert.equal(df["a"].constructor.name, "Series");
  assert.deepEqual(df.mean({ axis: 0 }).values, [2, 3.5]);
  const t = df.tensor as unknown as tf.Tensor;
  assert.ok(t instanceof tf.Tensor, "danfo's tensors are the project's tfjs tensors");
  t.dispose();
  const source = fs.readFileSync(path.join(VENDOR, "index.js"), "utf8");
  assert.doesNotMatch(source, /require\("@tensorflow\/tfjs-node"\)/);
  assert.match(source, /require\("@tensorflow\/tfjs"\)/);
  assert.match(source, /grulab's danfo has no Excel support/);
  assert.throws(() => dfd.toExcel(df, { filePath: path.join(ROOT, "dist", "never.xlsx") }), /no Excel support .* use readCSV/);
});

test("grulab's declarations point at the vendored danfo's, which name no package a dependent lacks", () => {
  const frame = fs.readFileSync(path.join(ROOT, "dist", "src", "training", "historyFrame.d.ts"), "utf8");
  assert.doesNotMatch(frame, /"danfojs-node"/);
  assert.match(frame, /from "\.\.\/\.\.\/vendor\/danfojs-node"/);
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".d.ts") ? [path.join(dir, e.name)] : []));
  for (const file of walk(VENDOR)) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/^import[^;]*from ["']([^"']+)["']/gm)) {
      assert.ok(m[1].startsWith(".") || m[1] === "stream", `${file} imports ${m[1]}`);
    }
  }
});
