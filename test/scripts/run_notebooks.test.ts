// needs: jupyter
// The headless notebook runner (scripts/run_notebooks.py) against the real tslab kernel.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { ROOT, jupyterEnv, runScript, tempDir } from "../support/jupyterScripts";
import { notebookSourceHash } from "../support/notebookSourceHash";

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
    assert.equal(nb.metadata.grulab.run.status, "failed");
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
    assert.deepEqual(nb.metadata.grulab.run.parameters, { epochs: 3, label: "it's <b>", fast: true });
    assert.equal(nb.metadata.grulab.run.status, "ok");
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

/** A copy of the parameters fixture in `dir` with `metadata.grulab` set to `grulab` (left out when undefined). */
function withGrulabMetadata(dir: string, grulab: unknown): string {
  const nb = JSON.parse(fs.readFileSync(fixture("parameters.ipynb"), "utf8"));
  if (grulab !== undefined) nb.metadata.grulab = grulab;
  const file = path.join(dir, "src", "ci.ipynb");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(nb));
  return file;
}

/** The source of the injected-parameters cell of a notebook written by --no-execute. */
function injected(file: string): string {
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  const cell = nb.cells.find((c: { metadata: { tags?: string[] } }) => (c.metadata.tags ?? []).includes("injected-parameters"));
  return cell ? [cell.source].flat().join("") : "(none)";
}

test("--ci injects metadata.grulab.ciParameters, -p overrides them, and --no-execute writes the copy without a kernel", () => {
  const dir = tempDir("nb-ci");
  try {
    const file = withGrulabMetadata(dir, { ciParameters: { epochs: 3, label: "ci run", fast: true } });
    const r = runScript("run_notebooks.py", [file, "--ci", "-p", "label=mine", "--no-execute", "--output-dir", dir], jupyterEnv(dir));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /starting kernel/);
    assert.match(r.stdout, /wrote .*ci\.ipynb with epochs=3 label="mine" fast=true/);
    assert.match(injected(path.join(dir, "ci.ipynb")), /const epochs: number = 3;\nconst label: string = "mine";\nconst fast: boolean = true;/);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "ci.ipynb"), "utf8")).metadata.grulab.ciParameters,
      { epochs: 3, label: "ci run", fast: true }, "the convention's metadata is kept");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("--ci without ciParameters falls back to epochs=2 units=16 where the parameters cell declares them; {} means none", () => {
  const dir = tempDir("nb-ci-fallback");
  try {
    let r = runScript("run_notebooks.py", [withGrulabMetadata(dir, undefined), "--ci", "--no-execute", "--output-dir", dir], jupyterEnv(dir));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(injected(path.join(dir, "ci.ipynb")).split("\n").slice(1).join("\n"), "const epochs: number = 2;", "units is not declared there");
    r = runScript("run_notebooks.py", [withGrulabMetadata(dir, { ciParameters: {} }), "--ci", "--no-execute", "--output-dir", dir], jupyterEnv(dir));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(injected(path.join(dir, "ci.ipynb")), "(none)");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const [what, grulab, message] of [
  ["neither ciParameters nor epochs/units", "no-parameters-cell", /failing\.ipynb: no metadata\.grulab\.ciParameters and no epochs\/units in a parameters cell: add "grulab": \{"ciParameters"/],
  ["ciParameters naming an undeclared parameter", { ciParameters: { epochs: 2, units: 16 } }, /ci\.ipynb: metadata\.grulab\.ciParameters sets units, which the parameters cell does not declare \(it declares: epochs, label, fast\)/],
  ["ciParameters of the wrong type", { ciParameters: { epochs: "many" } }, /ci\.ipynb: parameter 'epochs' expects a number \(default 20\), got 'many'/],
  ["ciParameters that is not an object of literals", { ciParameters: { epochs: [2] } }, /ci\.ipynb: metadata\.grulab\.ciParameters must be an object of numbers, strings and booleans, got \{"epochs": \[2\]\}/],
] as Array<[string, unknown, RegExp]>) {
  test(`--ci with ${what} fails clearly, naming the notebook, before any kernel starts`, () => {
    const dir = tempDir("nb-ci-bad");
    try {
      const file = grulab === "no-parameters-cell" ? fixture("failing.ipynb") : withGrulabMetadata(dir, grulab);
      const r = runScript("run_notebooks.py", [file, "--ci", "--output-dir", dir], jupyterEnv(dir));
      assert.equal(r.status, 2, r.stdout + r.stderr);
      assert.match(r.stderr, message);
      assert.doesNotMatch(r.stdout, /starting kernel/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test("notebooks:clear removes outputs, injected cells and the run record, and keeps ciParameters", () => {
  const dir = tempDir("nb-clear");
  try {
    const file = withGrulabMetadata(dir, { ciParameters: { epochs: 2 }, run: { status: "ok" } });
    const nb = JSON.parse(fs.readFileSync(file, "utf8"));
    nb.cells[2].outputs = [{ output_type: "stream", name: "stdout", text: "x\n" }];
    nb.cells[2].execution_count = 3;
    nb.cells.splice(2, 0, { cell_type: "code", id: "inj", metadata: { tags: ["injected-parameters"] }, execution_count: 2, outputs: [], source: "const epochs: number = 2;" });
    fs.writeFileSync(file, JSON.stringify(nb));
    const r = runScript("clear_notebooks.py", [file], jupyterEnv(dir));
    assert.equal(r.status, 0, r.stderr);
    const cleared = JSON.parse(fs.readFileSync(file, "utf8"));
    assert.deepEqual(cleared.metadata.grulab, { ciParameters: { epochs: 2 } });
    assert.equal(cleared.cells.length, 3);
    assert.deepEqual(cleared.cells[2].outputs, []);
    assert.equal(cleared.cells[2].execution_count, null);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("--record runs the notebook at its recordParameters, leaves plotly.js's loader and the figures' HTML out, writes paths relative to the checkout, and stores its source's hash", () => {
  const dir = tempDir("nb-record");
  try {
    const r = runScript("run_notebooks.py", ["--record", fixture("record.ipynb"), "--output-dir", dir, "--quiet"], jupyterEnv(dir));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /notebook .*record\.ipynb with n=3/);
    assert.match(r.stdout, /record: plotly\.js loader left out 1x, figure HTML 1x/);
    const text = fs.readFileSync(path.join(dir, "record.ipynb"), "utf8");
    assert.ok(text.endsWith("}\n") && text.length < 20_000, `${text.length} characters`);
    assert.ok(!text.includes("grulab-plotly-loader") && !text.includes("window.Plotly"), "no loader, no figure script");
    const nb = JSON.parse(text);
    const source = JSON.parse(fs.readFileSync(fixture("record.ipynb"), "utf8"));
    assert.deepEqual(nb.metadata.grulab.record, {
      source: "test/fixtures/record.ipynb", sourceSha256: notebookSourceHash(source.cells), command: "npm run record -- test/fixtures/record.ipynb",
    });
    assert.deepEqual(nb.metadata.grulab.run.parameters, { n: 3 });
    const outputs = nb.cells[3].outputs;
    // Printed paths inside the checkout are written relative to it (the kernel ran in test/fixtures).
    assert.equal(outputs[0].text.join(""), `n=3 in ${path.join("test", "fixtures")}\n`);
    assert.ok(!text.includes(ROOT), "the checkout's absolute path is not in the record");
    assert.match(outputs[1].data["text/plain"].join(""), /^plotly\.js loader: left out of this record/);
    assert.deepEqual(Object.keys(outputs[2].data).sort(), ["application/vnd.plotly.v1+json", "text/plain"]);
    assert.deepEqual(outputs[2].data["application/vnd.plotly.v1+json"].data[0].y, [3, 6, 9]);
    // The hash covers the cells as written: changing one changes it.
    source.cells[2].source.push("\n// changed");
    assert.notEqual(notebookSourceHash(source.cells), nb.metadata.grulab.record.sourceSha256);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("--record --runs DIR gives the kernel that runs folder (kept, written as runs/ in the record) and says so in the record; --runs needs --record and an existing folder", () => {
  const dir = tempDir("nb-record-runs");
  const runs = tempDir("nb-record-runs-folder");
  try {
    fs.writeFileSync(path.join(runs, "marker.txt"), "a finished trial would be here\n");
    const r = runScript("run_notebooks.py", ["--record", fixture("record-runs.ipynb"), "--output-dir", dir, "--runs", runs, "--quiet"], jupyterEnv(dir));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const nb = JSON.parse(fs.readFileSync(path.join(dir, "record-runs.ipynb"), "utf8"));
    assert.equal(nb.cells[3].outputs[0].text.join(""), "n=3; runs folder runs holds marker.txt\n");
    assert.match(nb.metadata.grulab.record.runs, /^an existing runs folder \(--runs\): sweep trials finished there were read back/);
    assert.equal(nb.metadata.grulab.record.command, "npm run record -- test/fixtures/record-runs.ipynb");
    assert.ok(fs.existsSync(path.join(runs, "marker.txt")), "the given runs folder is kept");
    const missing = runScript("run_notebooks.py", ["--record", fixture("record-runs.ipynb"), "--output-dir", dir, "--runs", path.join(runs, "nope")], jupyterEnv(dir));
    assert.equal(missing.status, 2, missing.stdout + missing.stderr);
    assert.match(missing.stderr, /--runs .*nope: no such folder/);
    const noRecord = runScript("run_notebooks.py", [fixture("record-runs.ipynb"), "--output-dir", dir, "--runs", runs], jupyterEnv(dir));
    assert.equal(noRecord.status, 2, noRecord.stdout + noRecord.stderr);
    assert.match(noRecord.stderr, /--runs is for --record/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(runs, { recursive: true, force: true });
  }
});

test("--record writes no record when a cell fails, and takes no -p or --ci", () => {
  const dir = tempDir("nb-record-fail");
  try {
    const r = runScript("run_notebooks.py", ["--record", fixture("failing.ipynb"), "--output-dir", dir, "--quiet"], jupyterEnv(dir));
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /FAILED .*failing\.ipynb: cell 2/);
    assert.match(r.stdout, /no record written: .*failing\.ipynb stays as it was/);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")), []);
    for (const extra of [["-p", "n=2"], ["--ci"]]) {
      const bad = runScript("run_notebooks.py", ["--record", fixture("record.ipynb"), "--output-dir", dir, ...extra], jupyterEnv(dir));
      assert.equal(bad.status, 2, bad.stdout + bad.stderr);
      assert.match(bad.stderr, /--record runs a notebook at its study's parameters \(metadata\.grulab\.recordParameters\): it takes no -p, --ci or --no-execute/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
