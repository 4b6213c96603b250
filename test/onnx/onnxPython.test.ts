import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { onnxPython } from "../../src/onnx/onnxPython";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { files: string[] };

/** Runs `body` with environment variables and the working folder changed, then restores them. */
function withEnv<T>(env: Record<string, string | undefined>, cwd: string, body: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedCwd = process.cwd();
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  process.chdir(cwd);
  try { return body(); } finally {
    process.chdir(savedCwd);
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

test("onnxPython's script is grulab_onnx.py, found from the compiled module and shipped in the package", () => {
  const { script } = onnxPython("torch");
  assert.equal(script, path.join(ROOT, "src", "onnx", "grulab_onnx.py"));
  assert.match(fs.readFileSync(script, "utf8"), /^#!\/usr\/bin\/env python3\n"""A grulab model exported with exportOnnx/);
  assert.ok(PACKAGE.files.includes("src/onnx/grulab_onnx.py"), "package.json's files ship it");
});

test("onnxPython takes $GRULAB_PYTHON first when it imports what the command needs, and the script runs there", () => {
  const venv = path.join(ROOT, ".venv", "bin", "python");
  const side = withEnv({ GRULAB_PYTHON: venv }, os.tmpdir(), () => onnxPython("onnxruntime"));
  assert.equal(side.python, venv);
  assert.equal(side.tried[0], venv);
  assert.equal(side.reason, "");
  const usage = spawnSync(side.python!, [side.script], { encoding: "utf8" });
  assert.notEqual(usage.status, 0);
  assert.match(usage.stdout + usage.stderr, /Usage|usage|onnxruntime MODEL\.onnx/);
});

/** A Python in a new folder that counts its starts in `starts`, then runs the project's .venv Python (or fails while `broken` exists). */
function countingPython(): { dir: string; wrapper: string; broken: string; count: () => number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-onnx-python-"));
  const starts = path.join(dir, "starts"), wrapper = path.join(dir, "counting-python"), broken = path.join(dir, "broken");
  fs.writeFileSync(wrapper, `#!/bin/sh\necho start >> "${starts}"\n[ -e "${broken}" ] && exit 1\nexec "${path.join(ROOT, ".venv", "bin", "python")}" "$@"\n`, { mode: 0o755 });
  return { dir, wrapper, broken, count: () => (fs.existsSync(starts) ? fs.readFileSync(starts, "utf8").split("\n").filter(Boolean).length : 0) };
}

test("onnxPython remembers the Python it found: a second call starts no process", () => {
  const { dir, wrapper, count } = countingPython();
  try {
    const call = () => withEnv({ GRULAB_PYTHON: wrapper }, dir, () => onnxPython("onnxruntime"));
    assert.equal(call().python, wrapper);
    assert.equal(count(), 1);
    assert.equal(call().python, wrapper);
    assert.equal(call().python, wrapper);
    assert.equal(count(), 1, "the second and third calls started no Python");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("onnxPython finds the nearest .venv from the working folder up", () => {
  const side = withEnv({ GRULAB_PYTHON: undefined, VIRTUAL_ENV: undefined }, path.join(ROOT, "notebooks"), () => onnxPython("onnxruntime"));
  assert.equal(side.tried[0], path.join(ROOT, ".venv", "bin", "python"));
  assert.equal(side.python, path.join(ROOT, ".venv", "bin", "python"));
});

const debianHasOnnxruntime = spawnSync("/usr/bin/python3", ["-c", "import onnxruntime, onnx, numpy"]).status === 0;

test("onnxPython without a Python that has the modules: python null, the reason names what was tried and what to install",
  { skip: debianHasOnnxruntime && "this machine's /usr/bin/python3 has onnxruntime: the case cannot be made here" }, () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-onnx-python-"));
  try {
    // No python3 on PATH, a GRULAB_PYTHON that does not exist: only /usr/bin/python3 is left, without onnxruntime.
    const side = withEnv({ GRULAB_PYTHON: path.join(empty, "nosuch-python"), VIRTUAL_ENV: undefined, PATH: empty }, empty, () => onnxPython("onnxruntime"));
    assert.equal(side.python, null);
    assert.deepEqual(side.tried, [path.join(empty, "nosuch-python"), "python3", "/usr/bin/python3"]);
    assert.equal(side.reason, `no Python here imports onnxruntime, onnx, numpy (tried ${side.tried.join(", ")}): pip install onnxruntime onnx numpy, or set GRULAB_PYTHON to a Python that has them`);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test("onnxPython does not remember that no Python had the modules: installing them and calling again finds them",
  { skip: debianHasOnnxruntime && "this machine's /usr/bin/python3 has onnxruntime: the case cannot be made here" }, () => {
  const { dir, wrapper, broken, count } = countingPython();
  try {
    fs.writeFileSync(broken, "");
    const call = () => withEnv({ GRULAB_PYTHON: wrapper, VIRTUAL_ENV: undefined, PATH: dir }, dir, () => onnxPython("onnxruntime"));
    assert.equal(call().python, null);
    assert.equal(call().python, null);
    assert.equal(count(), 2, "asked again after none was found");
    fs.rmSync(broken);
    assert.equal(call().python, wrapper);
    assert.equal(call().python, wrapper);
    assert.equal(count(), 3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("onnxPython refuses an unknown command, naming it", () => {
  assert.throws(() => onnxPython("tensorflow" as "torch"), /^Error: onnxPython: command "tensorflow", expected "onnxruntime" or "torch"$/);
});
