import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gruWasmPath } from "../../src/kernels/gruWasm";

const root = path.resolve(__dirname, "../../..");

test("rebuilding the kernel from src/kernels/wasm/*.ts gives exactly the gru.wasm the glue loads", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-kernel-"));
  try {
    const out = path.join(dir, "gru.wasm");
    execFileSync(process.execPath, [path.join(root, "scripts/build-kernels.js"), out], { cwd: root, stdio: "pipe" });
    const rebuilt = fs.readFileSync(out);
    const loaded = fs.readFileSync(gruWasmPath);
    console.log(`  ${gruWasmPath}: ${loaded.length} bytes, rebuilt ${rebuilt.length} bytes`);
    assert.ok(WebAssembly.validate(loaded), "the loaded gru.wasm is not valid WebAssembly");
    assert.ok(Buffer.compare(rebuilt, loaded) === 0, "gru.wasm differs from a fresh build of its source: run npm run build");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
