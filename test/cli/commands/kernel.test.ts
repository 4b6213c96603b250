import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { kernelSpecDir } from "../../../src/cli/commands/kernel";
import { runCli as cli } from "../../support/runCli";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");

test("grulab kernel install --prefix writes a kernelspec running this node, grulab's launcher and the project's tslab; uninstall removes it", async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-kernel-"));
  try {
    const r = await cli(["kernel", "install", "--prefix", tmp, "--display-name", "TS lab"]);
    assert.equal(r.code, 0, r.stderr);
    const dir = path.join(tmp, "share", "jupyter", "kernels", "grulab");
    const spec = JSON.parse(fs.readFileSync(path.join(dir, "kernel.json"), "utf8"));
    assert.equal(spec.display_name, "TS lab");
    assert.equal(spec.language, "typescript");
    assert.equal(spec.argv[0], process.execPath);
    assert.equal(spec.argv[1], path.join(ROOT, "dist", "src", "cli", "tslabKernel.js"));
    assert.ok(fs.existsSync(spec.argv[1]));
    assert.deepEqual(spec.argv.slice(2), ["--tslab", path.join(ROOT, "node_modules", "tslab"), "--config-path", "{connection_file}"]);
    assert.match(r.stdout, new RegExp(`JUPYTER_PATH=${path.join(tmp, "share", "jupyter")}`));
    const gone = await cli(["kernel", "uninstall", "--prefix", tmp]);
    assert.equal(gone.code, 0, gone.stderr);
    assert.ok(!fs.existsSync(dir));
    const again = await cli(["kernel", "uninstall", "--prefix", tmp]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /no kernel "grulab" at .*nothing to uninstall/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test("kernelSpecDir: --user is $JUPYTER_DATA_DIR (else XDG's jupyter folder); one location only; a safe name", () => {
  assert.equal(kernelSpecDir("grulab", {}, { JUPYTER_DATA_DIR: "/j/data" }), "/j/data/kernels/grulab");
  assert.equal(kernelSpecDir("k", { user: true }, { XDG_DATA_HOME: "/x" }), process.platform === "linux" ? "/x/jupyter/kernels/k" : kernelSpecDir("k", { user: true }, { XDG_DATA_HOME: "/x" }));
  assert.equal(kernelSpecDir("k", { sysPrefix: true }, { VIRTUAL_ENV: "/venv" }), "/venv/share/jupyter/kernels/k");
  assert.throws(() => kernelSpecDir("k", { user: true, prefix: "/p" }, {}), /choose one of --user, --sys-prefix and --prefix DIR/);
  assert.throws(() => kernelSpecDir("../k", {}, {}), /option --name expects letters/);
});

test("grulab kernel: usage mistakes exit 2 and say what is expected", async () => {
  const bad = await cli(["kernel", "instal"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /grulab kernel expects install or uninstall, got "instal"/);
  const two = await cli(["kernel", "install", "--user", "--sys-prefix"]);
  assert.equal(two.code, 2);
  assert.match(two.stderr, /choose one of/);
});

test("the committed kernelspec (jupyter/kernels/grulab) runs grulab's launcher through a {resource_dir}-relative path", () => {
  const specDir = path.join(ROOT, "jupyter", "kernels", "grulab");
  const spec = JSON.parse(fs.readFileSync(path.join(specDir, "kernel.json"), "utf8"));
  assert.equal(spec.display_name, "TypeScript (grulab)");
  const script = spec.argv[1] as string;
  assert.match(script, /^\{resource_dir\}\//);
  assert.equal(path.resolve(specDir, script.replace("{resource_dir}/", "")), path.join(ROOT, "dist", "src", "cli", "tslabKernel.js"));
  assert.deepEqual(spec.argv.slice(2), ["--config-path", "{connection_file}"]);
});
