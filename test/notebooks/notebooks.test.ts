// needs: jupyter
// Every notebook in notebooks/: committed without outputs, executed for real with the tslab
// kernel at its small parameters (metadata.grulab.ciParameters, through the runner's --ci: else
// epochs=2 units=16 where declared, else a clear failure), small once executed, and its figures
// drawn in exported HTML.
import { before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { expectedCounts, launchTestBrowser, openAndInspect } from "../fixtures/browser";
import { ROOT, jupyterEnv, runScript, tempDir } from "../support/jupyterScripts";

interface Output { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown> }
interface Cell { cell_type: string; source: string | string[]; metadata?: { tags?: string[] }; outputs?: Output[]; execution_count?: number | null }
interface RunRecord { status: string; parameters: Record<string, unknown> }
interface Notebook { cells: Cell[]; metadata: { kernelspec?: { name: string }; grulab?: { ciParameters?: Record<string, unknown>; run?: RunRecord } } }

const NOTEBOOKS = path.join(ROOT, "notebooks");
const files = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();
const PACKAGE_EXPORTS = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { exports: Record<string, unknown> }).exports;
const MAX_EXECUTED_BYTES = 3_000_000;
const MAX_FIGURE_HTML_BYTES = 100_000;
const MAX_COMMITTED_BYTES = 100_000;

const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : t ?? "");
const stdoutOf = (nb: Notebook) => nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === "stream" && o.name === "stdout").map((o) => text(o.text)).join("");

test("the tutorial notebook exists", () => {
  assert.ok(files.includes("01-tutorial.ipynb"), `notebooks/ holds ${files.join(", ")}`);
});

for (const file of files) {
  test(`${file} is committed without outputs, for the grulab kernel`, () => {
    const raw = fs.readFileSync(path.join(NOTEBOOKS, file), "utf8");
    assert.ok(raw.length < MAX_COMMITTED_BYTES, `${file} is ${raw.length} bytes`);
    const nb = JSON.parse(raw) as Notebook;
    assert.equal(nb.metadata.kernelspec?.name, "grulab");
    assert.equal(nb.metadata.grulab?.run, undefined, "no runner record metadata.grulab.run (npm run notebooks:clear)");
    nb.cells.forEach((cell, i) => {
      if (cell.cell_type !== "code") return;
      // Only the public API, imported as a user's project does ("grulab", "grulab/studies", …):
      // no relative import into the library's files.
      for (const m of text(cell.source).matchAll(/(?:from\s+|require\(\s*|import\(\s*)["']([^"']+)["']/g)) {
        assert.ok(!m[1].startsWith("."), `${file} cell ${i} imports ${m[1]}: import "grulab" or a subpath of its package.json exports`);
        if (m[1] === "grulab" || m[1].startsWith("grulab/")) assert.ok(`.${m[1].slice("grulab".length)}` in PACKAGE_EXPORTS, `${file} cell ${i} imports ${m[1]}, which package.json's exports lacks`);
      }
      assert.deepEqual(cell.outputs, [], `${file} cell ${i} has outputs: run npm run notebooks:clear before committing`);
      assert.equal(cell.execution_count, null, `${file} cell ${i} has an execution count`);
      assert.ok(!(cell.metadata?.tags ?? []).includes("injected-parameters"), `${file} cell ${i} is an injected parameters cell`);
      assert.equal((cell.metadata as { execution?: unknown } | undefined)?.execution, undefined, `${file} cell ${i} has timing metadata`);
    });
  });
}

describe("every notebook executes with the real tslab kernel at small parameters", () => {
  const dir = tempDir("notebooks");
  const executed = new Map<string, { nb: Notebook; bytes: number; log: string }>();

  before(() => {
    for (const file of files) {
      const r = runScript("run_notebooks.py", [path.join(NOTEBOOKS, file), "--ci", "--output-dir", dir, "--quiet"], jupyterEnv(dir));
      const out = path.join(dir, file);
      const raw = fs.existsSync(out) ? fs.readFileSync(out, "utf8") : "{}";
      executed.set(file, { nb: JSON.parse(raw) as Notebook, bytes: Buffer.byteLength(raw), log: `exit ${r.status}\n${r.stdout}\n${r.stderr}` });
      process.stdout.write(`# ${file}: exit ${r.status}, ${(Buffer.byteLength(raw) / 1e6).toFixed(2)} MB executed\n`);
    }
  });

  for (const file of files) {
    test(`${file} runs to the end and stays small`, () => {
      const { nb, bytes, log } = executed.get(file)!;
      assert.equal(nb.metadata.grulab?.run?.status, "ok", log);
      for (const cell of nb.cells) {
        if (cell.cell_type === "code" && text(cell.source).trim()) assert.ok(cell.execution_count, "every code cell ran");
      }
      assert.ok(bytes < MAX_EXECUTED_BYTES, `${file} executed is ${bytes} bytes (limit ${MAX_EXECUTED_BYTES})`);
      const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
      const loaders = outputs.filter((o) => text(o.data?.["text/html"] as string).includes("grulab-plotly-loader"));
      assert.ok(loaders.length <= 1, `plotly.js is loaded once per notebook, not ${loaders.length} times`);
      for (const o of outputs.filter((o) => o.data?.["application/vnd.plotly.v1+json"])) {
        const html = text(o.data?.["text/html"] as string);
        assert.ok(html.length < MAX_FIGURE_HTML_BYTES, `a figure output of ${html.length} chars`);
        assert.doesNotMatch(html, /plotly\.js v\d/, "a figure does not inline the bundle");
      }
    });
  }

  test("01-tutorial prints hand-vs-library GRU differences at float32 level and accuracy beside the baseline", () => {
    const { nb, log } = executed.get("01-tutorial.ipynb")!;
    const out = stdoutOf(nb);
    const diffs = [...out.matchAll(/max \|hand − (?:grulab\.gru|tf\.layers\.gru|layer)\| for \w+\s*= ([\d.e+-]+)/g)].map((m) => Number(m[1]));
    assert.equal(diffs.length, 10, `z, r, h̃, h in both conventions + tf.layers.gru + PyTorch layout:\n${log}`);
    for (const d of diffs) assert.ok(d < 1e-5, `difference ${d}`);
    const acc = /test accuracy ([\d.]+)% vs majority baseline ([\d.]+)%/.exec(out);
    assert.ok(acc, out);
    assert.ok(Number(acc[2]) > 0 && Number(acc[1]) <= 100);
    assert.match(out, /tf\.layers\.lstm \(an LSTM\)\s+= (\d+)\s+<- the same/);
    const committed = JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, "01-tutorial.ipynb"), "utf8")) as Notebook;
    assert.deepEqual(nb.metadata.grulab?.run?.parameters, committed.metadata.grulab?.ciParameters ?? { epochs: 2, units: 16 });
  });

  test("01-tutorial exported to HTML by nbconvert draws every figure offline in Chromium", async () => {
    const nbconvert = spawnSync("bash", [path.join(ROOT, "scripts", "python.sh"), "-m", "nbconvert", "--to", "html",
      path.join(dir, "01-tutorial.ipynb"), "--output-dir", dir], { env: jupyterEnv(dir), encoding: "utf8" });
    assert.equal(nbconvert.status, 0, nbconvert.stderr);
    // Each figure output's own plotly JSON says what its HTML view must draw.
    const expected = new Map<string, ReturnType<typeof expectedCounts>>();
    for (const o of executed.get("01-tutorial.ipynb")!.nb.cells.flatMap((c) => c.outputs ?? [])) {
      const fig = o.data?.["application/vnd.plotly.v1+json"] as { data: Array<Record<string, unknown>> } | undefined;
      if (fig) expected.set(/<div id="([^"]+)"/.exec(text(o.data?.["text/html"] as string))![1], expectedCounts(fig));
    }
    assert.ok(expected.size >= 3, `live chart + loss curves + confusion matrix, found ${expected.size}`);
    const browser = await launchTestBrowser();
    try {
      const report = await openAndInspect(browser, path.join(dir, "01-tutorial.html"));
      assert.deepEqual(report.plots.map((p) => p.id).sort(), [...expected.keys()].sort());
      for (const p of report.plots) {
        assert.ok(p.svgs > 0, `${p.id} drawn`);
        assert.deepEqual({ scatter: p.scatter, heatmap: p.heatmap, bar: p.bar }, expected.get(p.id), p.id);
      }
      assert.equal(await report.page.locator(".grulab-figure-placeholder").count(), 0, "every placeholder replaced by its chart");
      // nbconvert's page template asks CDNs for require.js and MathJax; nothing of grulab's may fail.
      assert.deepEqual(report.errors.filter((e) => !/^(requestfailed: https?:|error: Failed to load resource)/.test(e)), []);
    } finally {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
