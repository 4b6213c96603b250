// needs: jupyter
// `npm run kernel:install` (scripts/kernel_install.py) and the committed kernelspec.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT, jupyterEnv, runScript, tempDir } from "../support/jupyterScripts";

test("the committed kernelspec runs the project's own tslab through a {resource_dir}-relative path", () => {
  const specDir = path.join(ROOT, "jupyter", "kernels", "grulab");
  const spec = JSON.parse(fs.readFileSync(path.join(specDir, "kernel.json"), "utf8"));
  assert.equal(spec.display_name, "TypeScript (grulab)");
  assert.equal(spec.language, "typescript");
  const script = spec.argv[1] as string;
  assert.match(script, /^\{resource_dir\}\//);
  assert.ok(fs.existsSync(path.join(specDir, script.replace("{resource_dir}/", ""))), `${script} must exist`);
  assert.deepEqual(spec.argv.slice(2), ["kernel", "--config-path", "{connection_file}"]);
});

test("kernel:install registers the kernel in the user's Jupyter data folder with absolute paths", () => {
  const dir = tempDir("kernel-install");
  try {
    const env = jupyterEnv(dir);
    const r = runScript("kernel_install.py", [], env);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const installed = path.join(dir, "data", "kernels", "grulab", "kernel.json");
    const spec = JSON.parse(fs.readFileSync(installed, "utf8"));
    assert.ok(path.isAbsolute(spec.argv[0]) && fs.existsSync(spec.argv[0]), "node by absolute path");
    assert.equal(spec.argv[1], path.join(ROOT, "node_modules", "tslab", "bin", "tslab"));
    // Jupyter itself (without the project's JUPYTER_PATH) now lists it.
    const list = spawnSync("bash", [path.join(ROOT, "scripts", "python.sh"), "-m", "jupyter_client.kernelspecapp", "list", "--json"],
      { env, encoding: "utf8" });
    assert.equal(list.status, 0, list.stderr);
    const specs = JSON.parse(list.stdout).kernelspecs;
    assert.equal(specs.grulab.resource_dir, path.dirname(installed));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
