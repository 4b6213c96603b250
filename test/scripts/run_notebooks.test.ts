// needs: jupyter
// The headless notebook runner (scripts/run_notebooks.py) against the real tslab kernel.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { ROOT, jupyterEnv, runScript, tempDir } from "../support/jupyterScripts";

const fixture = (name: string) => path.join(ROOT, "test", "fixtures", name);

test("a failing notebook: exit 1, the failing cell's index, source and error text printed, nothing after it run", () => {
  const dir = tempDir("nb-fail");
  try {
    const r = runScript("run_notebooks.py", [fixture("failing.ipynb"), "--output-dir", dir], jupyterEnv(dir));
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /FAILED .*failing\.ipynb: cell 2/);
    assert.match(r.stderr, /source:\n\s+function checkWindows\(rows: number\) \{/);
    // The error text exists only in tslab's stderr stream: the runner must have found it.
    assert.match(r.stderr, /error:\n[\s\S]*Error: only 42 rows: grulab-fixture-failure/);
    assert.doesNotMatch(r.stdout + r.stderr, /this cell must never run/);
    // The partly executed copy is written, marked failed, with cell 1's output kept.
    const nb = JSON.parse(fs.readFileSync(path.join(dir, "failing.ipynb"), "utf8"));
    assert.equal(nb.metadata.grulab.status, "failed");
    assert.equal(nb.cells[1].outputs[0].text.join(""), "answer 42\n");
    assert.deepEqual(nb.cells[3].outputs, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a promise rejected without await fails the notebook at that cell (tslab alone would not)", () => {
  const dir = tempDir("nb-unawaited");
  try {
    const r = runScript("run_notebooks.py", [fixture("unawaited.ipynb"), "--output-dir", dir], jupyterEnv(dir));
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /FAILED .*unawaited\.ipynb: cell 1/);
    assert.match(r.stderr, /unhandled promise rejection[\s\S]*grulab-fixture-unawaited/);
    assert.doesNotMatch(r.stdout, /this cell must never run/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("-p values are injected after the parameters cell as a tagged cell with widened types", () => {
  const dir = tempDir("nb-params");
  try {
    const r = runScript("run_notebooks.py", [fixture("parameters.ipynb"), "--output-dir", dir,
      "-p", "epochs=3", "-p", "label=it's <b>", "-p", "fast=true"], jupyterEnv(dir));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /epochs\*2=6 label=it's <b> fast=true type=number/);
    const nb = JSON.parse(fs.readFileSync(path.join(dir, "parameters.ipynb"), "utf8"));
    assert.deepEqual(nb.cells[2].metadata.tags, ["injected-parameters"]);
    assert.deepEqual(nb.metadata.grulab.parameters, { epochs: 3, label: "it's <b>", fast: true });
    assert.equal(nb.metadata.grulab.status, "ok");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const [args, message] of [
  [["-p", "epoch=3"], /unknown parameter 'epoch'; the parameters cell declares: epochs, label, fast/],
  [["-p", "epochs=three"], /parameter 'epochs' expects a number \(default 20\), got 'three'/],
  [["-p", "fast=1"], /parameter 'fast' expects a boolean, true or false \(default false\), got '1'/],
  [["-p", "epochs"], /-p epochs: expected name=value/],
] as Array<[string[], RegExp]>) {
  test(`bad parameters (${args.join(" ")}) stop with a message naming the parameter, before any kernel starts`, () => {
    const dir = tempDir("nb-badparam");
    try {
      const r = runScript("run_notebooks.py", [fixture("parameters.ipynb"), "--output-dir", dir, ...args], jupyterEnv(dir));
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stdout, /starting kernel/);
      assert.equal(fs.existsSync(path.join(dir, "parameters.ipynb")), false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("parameters for a notebook without a parameters cell are refused", () => {
  const dir = tempDir("nb-noparam");
  try {
    const r = runScript("run_notebooks.py", [fixture("failing.ipynb"), "--output-dir", dir, "-p", "epochs=2"], jupyterEnv(dir));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /failing\.ipynb: no code cell tagged 'parameters'/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a parameters cell the runner cannot read is an error naming the notebook, cell and line", () => {
  const dir = tempDir("nb-badcell");
  try {
    const file = path.join(dir, "bad-params.ipynb");
    fs.writeFileSync(file, JSON.stringify({
      nbformat: 4, nbformat_minor: 5,
      metadata: { kernelspec: { name: "grulab", display_name: "TypeScript (grulab)", language: "typescript" } },
      cells: [{ cell_type: "code", id: "p", metadata: { tags: ["parameters"] }, execution_count: null, outputs: [],
        source: "const epochs = 20;\nconst rate = Math.random();\n" }],
    }));
    const r = runScript("run_notebooks.py", [file, "--output-dir", dir, "-p", "epochs=2"], jupyterEnv(dir));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /bad-params\.ipynb: parameters cell \(cell 0\) line 2: cannot read 'const rate = Math\.random\(\);'/);
    assert.doesNotMatch(r.stdout, /starting kernel/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
