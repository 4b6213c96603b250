// needs: jupyter
// show() and liveChart in Deno's Jupyter kernel (`deno jupyter`, the devDependency deno), driven
// through the Jupyter protocol by nbclient: the outputs arrive as display_data, and the live
// chart's later draws replace its output in place (update_display_data).
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT, jupyterEnv, tempDir } from "../support/jupyterScripts";

const DENO = path.join(ROOT, "node_modules", ".bin", "deno");

test("in Deno's Jupyter kernel, show(figure), show(DataFrame) and a liveChart display through Deno.jupyter", { timeout: 300_000 }, () => {
  const tmp = tempDir("deno-kernel");
  try {
    const kernels = path.join(tmp, "share", "kernels", "deno-test");
    fs.mkdirSync(kernels, { recursive: true });
    // Written by hand: `deno jupyter --install` writes into ~/.local/share/jupyter whatever JUPYTER_DATA_DIR says.
    fs.writeFileSync(path.join(kernels, "kernel.json"), JSON.stringify({
      argv: [fs.realpathSync(DENO), "jupyter", "--kernel", "--conn", "{connection_file}"],
      display_name: "Deno (test)", language: "typescript",
    }));
    const index = JSON.stringify(path.join(ROOT, "dist", "src", "index.js"));
    const datasetModule = JSON.stringify(path.join(ROOT, "dist", "src", "data", "datasetPath.js"));
    // Deno's broadcast is asynchronous: a display can reach iopub after the cell's idle status, where
    // JupyterLab still shows it (it routes by the parent message) but nbclient has stopped listening.
    // Each display cell waits a moment before it ends, as a cell with more work after show() would.
    const settle = "\nawait new Promise((r) => setTimeout(r, 300));";
    const cells = [
      `import { createRequire } from "node:module";\nconst grulab = createRequire(${index})(${index});\nconst { datasetPath } = createRequire(${index})(${datasetModule});`,
      `grulab.show(grulab.lossCurves([{ epoch: 1, loss: 1, val_loss: 1.5, seconds: 1 }, { epoch: 2, loss: 0.5, val_loss: 1.2, seconds: 1 }]));${settle}`,
      `grulab.show(await grulab.readCsvFrame(datasetPath("co2-concentration.csv"), { numeric: ["CO2"] }), { maxRows: 4 });${settle}`,
      `const live = grulab.liveChart({ title: "live" });\nawait live.onEpochEnd(0, { loss: 1 });\nawait live.onEpochEnd(1, { loss: 0.5 });\nawait live.onEpochEnd(2, { loss: 0.25 });${settle}`,
    ];
    const nbFile = path.join(tmp, "deno.ipynb");
    fs.writeFileSync(nbFile, JSON.stringify({
      nbformat: 4, nbformat_minor: 5,
      metadata: { kernelspec: { name: "deno-test", display_name: "Deno (test)", language: "typescript" } },
      cells: cells.map((source, i) => ({ cell_type: "code", id: `c${i}`, metadata: {}, execution_count: null, outputs: [], source })),
    }));
    const executed = path.join(tmp, "executed.ipynb");
    const env = jupyterEnv(tmp, { JUPYTER_PATH: path.join(tmp, "share"), DENO_DIR: path.join(tmp, "deno-cache"), DENO_NO_UPDATE_CHECK: "1" });
    const r = spawnSync("bash", [path.join(ROOT, "scripts", "python.sh"), path.join(ROOT, "test", "package", "execute_notebook.py"), nbFile, executed],
      { cwd: tmp, env, encoding: "utf8", timeout: 240_000, killSignal: "SIGKILL" });
    assert.ok(fs.existsSync(executed), r.stdout + r.stderr);
    const nb = JSON.parse(fs.readFileSync(executed, "utf8"));
    const displays = (i: number) => (nb.cells[i].outputs as { output_type: string; data?: Record<string, unknown> }[]).filter((o) => o.output_type === "display_data");
    // The figure: plotly's loader output once, then the figure (its HTML and plotly's own mime type).
    const fig = displays(1);
    assert.ok(fig.length >= 1, JSON.stringify(nb.cells[0].outputs).slice(0, 1500) + JSON.stringify(nb.cells[1].outputs));
    const figure = fig[fig.length - 1].data ?? {};
    assert.match(String(figure["text/plain"]), /plotly figure: .* \(2 traces\)/);
    assert.ok("application/vnd.plotly.v1+json" in figure || "text/html" in figure);
    // The DataFrame: an HTML table, and its row count in the text.
    const frame = displays(2);
    assert.equal(frame.length, 1, JSON.stringify(nb.cells[2].outputs).slice(0, 2000));
    assert.match(String(frame[0].data?.["text/html"]), /<table/);
    // The live chart: one output, holding the last of its three draws (3 epochs).
    const live = displays(3).filter((o) => String(o.data?.["text/plain"] ?? "").startsWith("plotly figure: live"));
    assert.equal(live.length, 1, JSON.stringify(nb.cells[3].outputs).slice(0, 2000));
    const plotly = live[0].data?.["application/vnd.plotly.v1+json"] as { data: { x: number[] }[] } | undefined;
    if (plotly) assert.deepEqual(plotly.data[0].x, [1, 2, 3]);
    assert.equal(r.status, 0, r.stderr);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
