// needs: jupyter
// grulab as a user gets it: `npm pack` of this checkout installed into a fresh project outside the
// repository (no overrides; packages from the npm cache, else the registry), a short script that
// trains a GRU through startRun … finish, `npx grulab kernel install --prefix`, and a notebook in
// that project executed headless (nbclient) through that kernelspec, importing "grulab", using the
// notebook idioms tslab 1.0.22 broke and show().
import { test } from "node:test";
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

test("a fresh project installs the packed grulab, trains through startRun … finish, and runs a notebook through `grulab kernel install`", { timeout: 600_000 }, () => {
  const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "grulab-user-")));
  assert.ok(!tmp.startsWith(ROOT + path.sep), "the project must be outside the repository");
  try {
    // The package, as `npm pack` makes it (dist/ is built by `npm run build` before the tests).
    const packed = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], { cwd: ROOT, timeoutS: 120 });
    const info = JSON.parse(packed)[0] as { filename: string; files: { path: string }[] };
    const shipped = info.files.map((f) => f.path);
    // Sources ship only where an install needs them: the native kernels' C (rebuilt where the packed
    // builds do not load), their build script, and the Python side of the ONNX export.
    const needed = (f: string) => /^src\/kernels\/native\/[^/]+\.(c|h)$/.test(f) || f === "scripts/build-kernels.js" || f === "src/onnx/grulab_onnx.py";
    for (const prefix of ["dist/test/", "dist/bench/", "test/", "bench/", ".ci/", "src/", "scripts/"]) {
      const extra = shipped.filter((f) => f.startsWith(prefix) && !needed(f));
      assert.deepEqual(extra, [], `the tarball must not ship these files under ${prefix}`);
    }
    assert.ok(shipped.includes("src/kernels/native/gru.c") && shipped.includes("scripts/build-kernels.js"), "the kernels' sources, for an install on another CPU");
    assert.ok(shipped.includes("dist/vendor/danfojs-node/index.js") && shipped.includes("dist/src/cli/tslabKernel.js"));

    const project = path.join(tmp, "my-project");
    fs.mkdirSync(project);
    run("npm", ["init", "-y"], { cwd: project, timeoutS: 60 });
    const t0 = Date.now();
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", path.join(tmp, info.filename)], { cwd: project, timeoutS: 400 });
    console.log(`# npm install of the packed grulab: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const pkg = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
    assert.equal(pkg.overrides, undefined);
    assert.ok(pkg.dependencies.grulab, "grulab is a dependency of the project");
    // One tfjs (the project's), no danfojs-node, no xlsx, no tfjs-node alias.
    const nm = path.join(project, "node_modules");
    assert.ok(fs.existsSync(path.join(nm, "@tensorflow", "tfjs-core")));
    for (const absent of ["danfojs-node", "xlsx", path.join("@tensorflow", "tfjs-node"), path.join("grulab", "node_modules")]) {
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
    const prefix = path.join(tmp, "jupyter");
    const installOut = run("npx", ["--no-install", "grulab", "kernel", "install", "--prefix", prefix], { cwd: project, timeoutS: 60 });
    const specFile = path.join(prefix, "share", "jupyter", "kernels", "grulab", "kernel.json");
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
    const env = {
      ...process.env,
      JUPYTER_PATH: path.join(prefix, "share", "jupyter"),
      JUPYTER_CONFIG_DIR: path.join(tmp, "jconfig"), JUPYTER_DATA_DIR: path.join(tmp, "jdata"), JUPYTER_RUNTIME_DIR: path.join(tmp, "jruntime"),
    };
    const r = spawnSync("bash", [path.join(ROOT, "scripts", "python.sh"), path.join(ROOT, "test", "package", "execute_notebook.py"), nbFile, executed],
      { cwd: project, env, encoding: "utf8", timeout: 300_000, killSignal: "SIGKILL" });
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
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
