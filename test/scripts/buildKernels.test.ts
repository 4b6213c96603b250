import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gruWasmPaths } from "../../src/kernels/gruWasm";

const root = path.resolve(__dirname, "../../..");

test("rebuilding the kernels from src/kernels/wasm/*.ts gives exactly the .wasm files the glue loads", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-kernel-"));
  try {
    execFileSync(process.execPath, [path.join(root, "scripts/build-kernels.js"), dir], { cwd: root, stdio: "pipe" });
    for (const loadedPath of Object.values(gruWasmPaths)) {
      const rebuilt = fs.readFileSync(path.join(dir, path.basename(loadedPath)));
      const loaded = fs.readFileSync(loadedPath);
      console.log(`  ${path.basename(loadedPath)}: ${loaded.length} bytes, rebuilt ${rebuilt.length} bytes`);
      assert.ok(Buffer.compare(rebuilt, loaded) === 0, `${loadedPath} differs from a fresh build of its source: run npm run build`);
    }
    assert.ok(WebAssembly.validate(fs.readFileSync(gruWasmPaths.simd)), "gru.wasm is not valid WebAssembly here");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
