// needs: jupyter
// grulab as a user gets it: `npm pack` of this checkout installed into a fresh project outside the
// repository (no overrides; packages from the npm cache, else the registry), a short script that
// trains a GRU through startRun … finish, `npx grulab kernel install --prefix`, and a notebook in
// that project executed headless (nbclient) through that kernelspec, importing "grulab", using the
// notebook idioms tslab 1.0.22 broke and show(); then grulab's example notebooks copied into that
// project (`grulab notebooks copy`): their imports resolve there and two run (06-onnx skipping, with a printed reason, the runtimes the project lacks); and grulab installed
// from a folder: as a copy (--install-links) it trains, as a link it fails at import saying why.
import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync, type SpawnSyncOptions } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "../support/jupyterScripts";

function run(cmd: string, args: string[], opts: SpawnSyncOptions & { timeoutS: number }): string {
  const r = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...opts, timeout: opts.timeoutS * 1000, killSignal: "SIGKILL" });
  if (r.error) throw r.error;
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} exited ${r.status}:\n${String(r.stdout)}\n${String(r.stderr)}`);
  return String(r.stdout);
}

const TRAIN = `import * as tf from "@tensorflow/tfjs";
import * as grulab from "grulab";

await grulab.initBackend();
const data = await grulab.loadSeattleWeather({ timesteps: 7 });
const model = tf.sequential({ layers: [
  grulab.gru({ units: 8, inputShape: [7, data.featureNames.length] }),
  tf.layers.dense({ units: data.classes.length, activation: "softmax" }) ] });
model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
const run = await grulab.startRun("user-gru", { task: "classification", classes: data.classes, config: { units: 8 } });
await run.fit(model, data.train, { validation: data.validation, epochs: 2, seed: 1 });
await run.evaluate(model, data.test);
const { metrics } = await grulab.finishRun(run, { pdf: false }); // run.finish(), then report.html
console.log("RUN " + JSON.stringify({ dir: run.dir, accuracy: metrics.test?.accuracy }));
`;

/** Cells and what each must print (stdout), or the mime types it must display. */
const CELLS: { source: string; stdout?: string | RegExp; mimes?: string[] }[] = [
  { source: `import * as tf from "@tensorflow/tfjs";\nimport * as grulab from "grulab";\nawait grulab.initBackend();\nconst T = 3;\nconst U = "u";\nlet p = 0, q = 0;\nlet w = 5;\nconst epochs = 1;` },
  { source: "console.log({ T })", stdout: "{ T: 3 }\n" },
  { source: "const f = () => ({ U });\nconsole.log(JSON.stringify(f()))", stdout: '{"U":"u"}\n' },
  { source: '({ p, q } = { p: 1, q: 2 });\nconsole.log(p, q, "p" in globalThis)', stdout: "1 2 false\n" },
  { source: "({ w = 7 } = {});\nconsole.log(w)", stdout: "7\n" },
  { source: "export const E = 3;" },
  { source: "console.log(E + 1)", stdout: "4\n" },
  {
    source: `const data = await grulab.loadSeattleWeather({ timesteps: 7, verbose: false });
const validation = data.validation;
const model = tf.sequential({ layers: [grulab.gru({ units: 4, inputShape: [7, data.featureNames.length] }),
  tf.layers.dense({ units: data.classes.length, activation: "softmax" })] });
model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
const run = await grulab.startRun("notebook-gru", { task: "classification", classes: data.classes });
await run.fit(model, data.train, { validation, epochs, progress: "none" });
console.log("epochs " + run.history.length)`,
    stdout: /(^|\n)epochs 1\n$/,
  },
  { source: "grulab.show(grulab.lossCurves(run.history))", mimes: ["text/html"] },
  { source: "grulab.show(run)", mimes: ["text/html", "text/plain"] },
  { source: `import * as advanced from "grulab/advanced";\ngrulab.show(await grulab.readCsvFrame(advanced.datasetPath("co2-concentration.csv"), { numeric: ["CO2"] }), { maxRows: 4 })`, mimes: ["text/html", "text/plain"] },
];

/** Where `grulab kernel install --prefix` puts the user's kernelspec. */
const kernelPrefix = () => path.join(tmp, "jupyter");

/** Executes a notebook headless (nbclient) through the user's kernelspec, as their Jupyter would; Jupyter's own folders in tmp. */
function executeNotebook(nbFile: string, out: string, cwd: string) {
  const env = {
    ...process.env,
    JUPYTER_PATH: path.join(kernelPrefix(), "share", "jupyter"),
    JUPYTER_CONFIG_DIR: path.join(tmp, "jconfig"), JUPYTER_DATA_DIR: path.join(tmp, "jdata"), JUPYTER_RUNTIME_DIR: path.join(tmp, "jruntime"),
  };
  return spawnSync("bash", [path.join(ROOT, "scripts", "python.sh"), path.join(ROOT, "test", "package", "execute_notebook.py"), nbFile, out],
    { cwd, env, encoding: "utf8", timeout: 300_000, killSignal: "SIGKILL" });
}

let tmp = "";
let tarball = "";
let shipped: string[] = [];
/** The project of the first test, grulab installed from the tarball; "" until it is. */
let project = "";
const INSTALL = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-user-")));
  assert.ok(!tmp.startsWith(ROOT + path.sep), "the project must be outside the repository");
  // The package, as `npm pack` makes it (dist/ is built by `npm run build` before the tests).
  const packed = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], { cwd: ROOT, timeoutS: 120 });
  const info = JSON.parse(packed)[0] as { filename: string; files: { path: string }[] };
  tarball = path.join(tmp, info.filename);
  shipped = info.files.map((f) => f.path);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("a fresh project installs the packed grulab, trains through startRun … finish, and runs a notebook through `grulab kernel install`", { timeout: 600_000 }, () => {
  {
    // Sources ship only where an install needs them: the native kernels' C (rebuilt where the packed
    // builds do not load), their build script, the Python side of the ONNX export, and the script
    // that starts the sweep queue's Redis (the queue's messages name it).
    const needed = (f: string) => /^src\/kernels\/native\/[^/]+\.(c|h)$/.test(f) || f === "scripts/build-kernels.js" || f === "scripts/prepare.js" ||
      f === "scripts/redis.sh" || f === "src/onnx/grulab_onnx.py";
    for (const prefix of ["dist/test/", "dist/bench/", "test/", "bench/", ".ci/", "src/", "scripts/"]) {
      const extra = shipped.filter((f) => f.startsWith(prefix) && !needed(f));
      assert.deepEqual(extra, [], `the tarball must not ship these files under ${prefix}`);
    }
    assert.ok(shipped.includes("src/kernels/native/gru.c") && shipped.includes("scripts/build-kernels.js"), "the kernels' sources, for an install on another CPU");
    assert.ok(shipped.includes("dist/vendor/danfojs-node/index.js") && shipped.includes("dist/src/cli/tslabKernel.js"));
    // `grulab study --help` states the char-LM full design's cost from this file (tsc's copy of results/charlm-cost.json).
    assert.ok(shipped.includes("dist/results/charlm-cost.json"), "the cost file grulab study's help reads");

    const dir = path.join(tmp, "my-project");
    fs.mkdirSync(dir);
    run("npm", ["init", "-y"], { cwd: dir, timeoutS: 60 });
    const t0 = Date.now();
    run("npm", [...INSTALL, tarball], { cwd: dir, timeoutS: 400 });
    project = dir;
    console.log(`# npm install of the packed grulab: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const pkg = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
    assert.equal(pkg.overrides, undefined);
    assert.ok(pkg.dependencies.grulab, "grulab is a dependency of the project");
    // One tfjs (the project's), no danfojs-node, no xlsx, no tfjs-node alias, no onnxruntime-node.
    const nm = path.join(project, "node_modules");
    assert.ok(fs.existsSync(path.join(nm, "@tensorflow", "tfjs-core")));
    // onnxruntime-node is an optional peer: its install script would reach for NuGet.
    for (const absent of ["danfojs-node", "xlsx", path.join("@tensorflow", "tfjs-node"), "onnxruntime-node", path.join("grulab", "node_modules")]) {
      assert.ok(!fs.existsSync(path.join(nm, absent)), `node_modules/${absent} must not be installed`);
    }

    // A script of the user's: trains a GRU through startRun … finish.
    fs.writeFileSync(path.join(project, "train.mjs"), TRAIN);
    const out = run(process.execPath, ["train.mjs"], { cwd: project, timeoutS: 180 });
    const line = out.split("\n").find((l) => l.startsWith("RUN "));
    assert.ok(line, out);
    const result = JSON.parse(line.slice(4)) as { dir: string; accuracy: number };
    assert.equal(path.dirname(result.dir), path.join(project, "runs"));
    assert.equal(JSON.parse(fs.readFileSync(path.join(result.dir, "run.json"), "utf8")).status, "finished");
    assert.ok(result.accuracy >= 0 && result.accuracy <= 1);
    assert.ok(fs.existsSync(path.join(result.dir, "report.html")));

    // The kernel, registered by grulab's own command, and a notebook run through it.
    const prefix = kernelPrefix();
    const installOut = run("npx", ["--no-install", "grulab", "kernel", "install", "--prefix", prefix], { cwd: project, timeoutS: 60 });
    const specFile = path.join(prefix, "share", "jupyter", "kernels", "grulab", "kernel.json");
    const charLmCost = JSON.parse(fs.readFileSync(path.join(ROOT, "results", "charlm-cost.json"), "utf8"));
    const studyHelp = run("npx", ["--no-install", "grulab", "study", "--help"], { cwd: project, timeoutS: 60 });
    assert.match(studyHelp, new RegExp(`needs about ${Math.round(charLmCost.fullRun.cpuHours_u256_30epochs)} CPU-hours`), "the installed package's help states the cost file's number");
    assert.match(installOut, /kernel: installed "grulab"/);
    const spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
    assert.equal(spec.argv[1], path.join(nm, "grulab", "dist", "src", "cli", "tslabKernel.js"));
    assert.equal(spec.argv[3], path.join(nm, "tslab"));

    const nbDir = path.join(project, "notebooks");
    fs.mkdirSync(nbDir);
    const nbFile = path.join(nbDir, "idioms.ipynb");
    fs.writeFileSync(nbFile, JSON.stringify({
      nbformat: 4, nbformat_minor: 5,
      metadata: { kernelspec: { name: "grulab", display_name: "TypeScript (grulab)", language: "typescript" } },
      cells: CELLS.map((c, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source: c.source })),
    }));
    const executed = path.join(tmp, "executed.ipynb");
    const r = executeNotebook(nbFile, executed, project);
    const nb = fs.existsSync(executed) ? JSON.parse(fs.readFileSync(executed, "utf8")) : null;
    const text = (o: { text?: string | string[] }) => (Array.isArray(o.text) ? o.text.join("") : o.text ?? "");
    assert.ok(nb, `no executed notebook: ${r.stdout}\n${r.stderr}`);
    CELLS.forEach((c, i) => {
      const outputs = nb.cells[i].outputs as { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown> }[];
      const stderr = outputs.filter((o) => o.name === "stderr").map(text).join("");
      assert.equal(stderr, "", `cell ${i} (${c.source.split("\n")[0]}) wrote to stderr`);
      const stdout = outputs.filter((o) => o.name === "stdout").map(text).join("");
      if (typeof c.stdout === "string") assert.equal(stdout, c.stdout, `cell ${i}: ${c.source}`);
      else if (c.stdout) assert.match(stdout, c.stdout, `cell ${i}: ${c.source}`);
      if (c.mimes) {
        const shown = outputs.filter((o) => o.output_type === "display_data").flatMap((o) => Object.keys(o.data ?? {}));
        for (const m of c.mimes) assert.ok(shown.includes(m), `cell ${i} displays ${m} (got ${shown.join(", ")})`);
      }
    });
    assert.equal(r.status, 0, r.stderr);
    // The notebook's run landed in the project's runs/ (the kernel ran in notebooks/).
    assert.ok(fs.readdirSync(path.join(project, "runs")).some((d) => d.endsWith("-notebook-gru")));
  }
});

// In the project: every import of every code cell of the copied notebooks, resolved from their
// folder by node and by the kernel's TypeScript (tslab's, moduleResolution node10).
const RESOLVE = `
const fs = require("fs"), path = require("path"), { builtinModules } = require("module");
const dir = process.argv[1];
const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [path.dirname(require.resolve("tslab/package.json", { paths: [dir] }))] }));
const out = [];
for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort()) {
  for (const c of JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")).cells) {
    if (c.cell_type !== "code") continue;
    for (const { fileName: spec } of ts.preProcessFile(Array.isArray(c.source) ? c.source.join("") : c.source, true, true).importedFiles) {
      if (spec.startsWith("node:") || builtinModules.includes(spec)) continue;
      let js = null;
      try { js = fs.realpathSync(require.resolve(spec, { paths: [dir] })); } catch { /* unresolved */ }
      const r = ts.resolveModuleName(spec, path.join(dir, "cell.ts"), { moduleResolution: ts.ModuleResolutionKind.NodeJs }, ts.sys);
      out.push({ name, spec, js, types: r.resolvedModule ? fs.realpathSync(r.resolvedModule.resolvedFileName) : null });
    }
  }
}
console.log(JSON.stringify(out));
`;

/**
 * The example notebooks executed in the project (at their CI parameters), with what each must
 * print there; the others only resolve their imports. 06-onnx runs without onnxruntime-node (an
 * optional peer the project did not install) and says so, and finds grulab_onnx.py in the package.
 */
const EXECUTED_EXAMPLES: Record<string, RegExp[]> = {
  "04-gru-vs-lstm.ipynb": [],
  "06-onnx.ipynb": [
    /onnxruntime-node: skipped, onnxruntime-node is not installed \(an optional peer dependency of grulab\): ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node/,
    /Python onnxruntime: skipped, no Python here imports onnxruntime, onnx, numpy \(tried [^\n]*\): pip install onnxruntime onnx numpy|Python onnxruntime \d[^\n]*max \|onnxruntime − grulab\| = \d/,
  ],
};

test("grulab's example notebooks copied into the project import only what it has, and two run there (06-onnx without onnxruntime-node, skipping what is missing)", { timeout: 900_000 }, () => {
  assert.ok(project, "needs the project the first test installed");
  const examples = path.join(project, "examples");
  run("npx", ["--no-install", "grulab", "notebooks", "copy", "examples"], { cwd: project, timeoutS: 60 });
  const names = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
  assert.deepEqual(names(examples), names(path.join(ROOT, "notebooks")));

  const t0 = Date.now();
  const imports = JSON.parse(run(process.execPath, ["-e", RESOLVE, examples], { cwd: examples, timeoutS: 120 })) as { name: string; spec: string; js: string | null; types: string | null }[];
  console.log(`# imports of ${names(examples).length} copied notebooks resolved in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const inProject = (f: string | null) => f !== null && f.startsWith(path.join(project, "node_modules") + path.sep);
  const unresolved = imports.filter((i) => !inProject(i.js) || !inProject(i.types)).map((i) => `${i.name}: "${i.spec}" → ${i.js} / types ${i.types}`);
  assert.deepEqual(unresolved, [], "every import resolves to the project's node_modules, for node and for the kernel's TypeScript");
  for (const name of ["02-forecasting.ipynb", "04-gru-vs-lstm.ipynb", "06-onnx.ipynb"]) {
    assert.ok(imports.some((i) => i.name === name && i.spec === "grulab/danfo" && i.js?.endsWith(path.join("dist", "src", "danfo", "index.js"))), `${name} takes danfo from grulab`);
  }

  // Some of them executed through the user's kernelspec, at their small CI parameters (injected by
  // the repository's runner without executing; nbclient runs each in the project's folder).
  for (const [example, prints] of Object.entries(EXECUTED_EXAMPLES)) {
    run("bash", [path.join(ROOT, "scripts", "python.sh"), path.join(ROOT, "scripts", "run_notebooks.py"), path.join(examples, example),
      "--ci", "--no-execute", "--output-dir", examples], { cwd: project, timeoutS: 120 });
    const executed = path.join(tmp, `executed-${example}`);
    const t1 = Date.now();
    const r = executeNotebook(path.join(examples, example), executed, examples);
    console.log(`# ${example} executed in the project: ${((Date.now() - t1) / 1000).toFixed(1)} s, exit ${r.status}`);
    assert.ok(fs.existsSync(executed), `no executed notebook: ${r.stdout}\n${r.stderr}`);
    const nb = JSON.parse(fs.readFileSync(executed, "utf8")) as { cells: { cell_type: string; source: string | string[]; execution_count: number | null; outputs?: { name?: string; text?: string | string[] }[] }[] };
    const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : t ?? "");
    nb.cells.forEach((c, i) => {
      if (c.cell_type !== "code" || !text(c.source).trim()) return;
      const stderr = (c.outputs ?? []).filter((o) => o.name === "stderr").map((o) => text(o.text)).join("");
      assert.doesNotMatch(stderr, /Error|error TS|Cannot find/, `cell ${i} of ${example} failed in the project`);
      assert.ok(c.execution_count, `cell ${i} of ${example} ran`);
    });
    const stdout = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.name === "stdout").map((o) => text(o.text)).join("");
    for (const p of prints) assert.match(stdout, p, `${example} in the project`);
    assert.equal(r.status, 0, r.stderr);
  }
});

/** A script of the user's that trains a GRU one epoch and prints its run's status. */
const TRAIN_SHORT = TRAIN.replace("epochs: 2", "epochs: 1").replace(/const \{ metrics \}[^\n]*\n/, "await run.finish();\n").replace(/console\.log\("RUN "[^\n]*\n/, 'console.log("STATUS " + run.status);\n');

test("grulab from a folder: --install-links copies it and a GRU trains; a plain (linked) install fails at import naming both tfjs copies and the command", { timeout: 600_000 }, () => {
  assert.ok(project, "needs the project the first test installed");
  // The folder: grulab as a user's checkout has it, built, with node_modules of its own (tfjs
  // included): the unpacked tarball and a hard-linked copy of an installed node_modules.
  const folder = path.join(tmp, "grulab");
  fs.mkdirSync(folder);
  run("tar", ["xzf", tarball, "-C", folder, "--strip-components=1"], { cwd: tmp, timeoutS: 60 });
  run("cp", ["-al", path.join(project, "node_modules"), path.join(folder, "node_modules")], { cwd: tmp, timeoutS: 120 });
  fs.rmSync(path.join(folder, "node_modules", "grulab"), { recursive: true, force: true });

  const install = (name: string, extra: string[]) => {
    const dir = path.join(tmp, name);
    fs.mkdirSync(dir);
    run("npm", ["init", "-y"], { cwd: dir, timeoutS: 60 });
    const t0 = Date.now();
    run("npm", [...INSTALL, ...extra, folder], { cwd: dir, timeoutS: 400 });
    console.log(`# npm install ${extra.join(" ")} <folder>: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    fs.writeFileSync(path.join(dir, "train.mjs"), TRAIN_SHORT);
    return dir;
  };

  // As a copy: npm packs the folder (its prepare has nothing to build in a built package) and installs that.
  const copied = install("copied", ["--install-links"]);
  assert.ok(!fs.lstatSync(path.join(copied, "node_modules", "grulab")).isSymbolicLink(), "--install-links installs a copy");
  assert.ok(fs.existsSync(path.join(copied, "node_modules", "@tensorflow", "tfjs-core")), "the project's own tfjs, grulab's peer");
  assert.match(run(process.execPath, ["train.mjs"], { cwd: copied, timeoutS: 180 }), /(^|\n)STATUS finished\n/);

  // As a link (npm's default for a folder): Node loads grulab from the folder, with the folder's tfjs.
  const linked = install("linked", ["--install-links=false", "@tensorflow/tfjs@^4.22.0", "@tensorflow/tfjs-backend-wasm@^4.22.0"]);
  assert.equal(fs.realpathSync(path.join(linked, "node_modules", "grulab")), folder, "a plain folder install is a link");
  const r = spawnSync(process.execPath, ["train.mjs"], { cwd: linked, encoding: "utf8", timeout: 180_000, killSignal: "SIGKILL" });
  assert.notEqual(r.status, 0, r.stdout);
  assert.doesNotMatch(r.stderr, /Tensor must have a shape|already registered/, "the obscure error of two tfjs copies");
  assert.ok(r.stderr.includes(`grulab: two copies of tfjs: your project's (${path.join(linked, "node_modules", "@tensorflow", "tfjs")})`), r.stderr);
  assert.ok(r.stderr.includes(`npm install --install-links ${folder}`), r.stderr);
});
