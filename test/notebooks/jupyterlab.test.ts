// needs: jupyter, chromium
// The tutorial in JupyterLab 4 in a real browser (playwright-core driving Debian's Chromium):
// run all cells at the CI parameters, then check what a user sees — no error output, every plotly
// figure drawn by JupyterLab's plotly renderer, the live loss chart updated in place, completion
// and Shift-Tab in a cell, a DataFrame shown as a table by grulab.show — and, after a restart
// (new server, new kernel) with the saved notebook opened untrusted, every figure still drawn
// from its saved output. Screenshots: runs/test-artifacts/.
import { after, before, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { expectedCounts, launchTestBrowser } from "../fixtures/browser";
import { ROOT, jupyterEnv } from "../support/jupyterScripts";
import { labRoot, startLab, type Lab } from "../support/jupyterLab";
import { publicApi } from "../support/publicApi";

const NOTEBOOK = path.join(ROOT, "notebooks", "01-tutorial.ipynb");
const ARTIFACTS = path.join(ROOT, "runs", "test-artifacts");
const PLOTLY = "application/vnd.plotly.v1+json";

interface Output { output_type: string; name?: string; data?: Record<string, unknown> }
interface Cell { cell_type: string; source: string | string[]; outputs?: Output[]; metadata?: { tags?: string[] } }
const text = (t: string | string[]) => (Array.isArray(t) ? t.join("") : t);

/** What one drawn plotly output shows in the page: trace counts by kind and the largest x of its first trace. */
interface Drawn { cell: number; scatter: number; heatmap: number; bar: number; lastX: number }

/** Waits until JupyterLab shows the notebook with its kernel idle (window.jupyterapp: --LabApp.expose_app_in_browser). */
async function openNotebook(page: Page, lab: Lab, relative: string): Promise<void> {
  await page.goto(`${lab.origin}/lab/tree/${relative}?token=${lab.token}`);
  await page.waitForFunction((name) => {
    const w = (window as any).jupyterapp?.shell.currentWidget;
    return w?.context?.path === name && w.sessionContext.session?.kernel?.status === "idle";
  }, relative, { timeout: 120_000, polling: 250 });
}

/** The plotly outputs drawn in the current notebook, in page order, with the index of their cell. */
async function drawnPlots(page: Page): Promise<Drawn[]> {
  return page.evaluate(() => {
    const cells: any[] = (window as any).jupyterapp.shell.currentWidget.content.widgets;
    return cells.flatMap((cell, i) => Array.from(cell.node.querySelectorAll(".jp-RenderedPlotly")).map((el: any) => ({
      cell: i,
      scatter: el.querySelectorAll(".main-svg .scatterlayer .trace").length,
      heatmap: el.querySelectorAll(".main-svg .heatmaplayer .hm").length,
      bar: el.querySelectorAll(".main-svg .barlayer .trace").length,
      lastX: Math.max(...((el.data?.[0]?.x ?? []) as number[]).map(Number)),
    })));
  });
}

describe("01-tutorial in JupyterLab 4, in Chromium", () => {
  let lab: Lab;
  let browser: Browser;
  let page: Page;
  let root: string;
  let copy: string;
  const pageErrors: string[] = [];
  let saved: { cells: Cell[] };

  before(async () => {
    ({ root, notebook: copy } = labRoot(NOTEBOOK));
    lab = await startLab(jupyterEnv(path.join(root, ".jupyter")), ["--root", root, "--LabApp.expose_app_in_browser=True"]);
    browser = await launchTestBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const start = Date.now();
    await openNotebook(page, lab, "notebooks/01-tutorial.ipynb");
    await page.evaluate(() => (window as any).jupyterapp.commands.execute("notebook:run-all-cells"));
    // Done: every code cell has its execution count, no cell is queued or running, kernel idle.
    await page.waitForFunction(() => {
      const w = (window as any).jupyterapp.shell.currentWidget;
      const code = w.content.widgets.filter((c: any) => c.model.type === "code");
      return w.sessionContext.session.kernel.status === "idle" && code.every((c: any) => c.model.executionCount !== null) &&
        !Array.from(document.querySelectorAll(".jp-InputArea-prompt")).some((p) => p.textContent!.includes("*"));
    }, undefined, { timeout: 900_000, polling: 500 });
    process.stdout.write(`# 01-tutorial ran in JupyterLab in ${((Date.now() - start) / 1000).toFixed(1)} s\n`);
    await page.evaluate(() => (window as any).jupyterapp.commands.execute("docmanager:save"));
    await page.waitForFunction(() => !(window as any).jupyterapp.shell.currentWidget.context.model.dirty, undefined, { timeout: 30_000 });
    saved = JSON.parse(fs.readFileSync(copy, "utf8"));
  });

  after(async () => {
    await browser?.close();
    const code = await lab?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    assert.equal(code, 0, `lab exits cleanly:\n${lab?.output()}`);
  });

  test("every cell ran without error output, and the page threw nothing", async () => {
    const outputs = saved.cells.flatMap((c) => c.outputs ?? []);
    assert.ok(outputs.length > 10, `${outputs.length} outputs saved`);
    assert.deepEqual(outputs.filter((o) => o.output_type === "error" || o.name === "stderr"), []);
    assert.equal(await page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count(), 0);
    assert.deepEqual(pageErrors, []);
  });

  test("every plotly figure the notebook shows is drawn by JupyterLab's plotly renderer, trace for trace", async () => {
    const expected = saved.cells.flatMap((c, i) => (c.outputs ?? []).filter((o) => o.data?.[PLOTLY])
      .map((o) => ({ cell: i, ...expectedCounts(o.data![PLOTLY] as { data: Array<Record<string, unknown>> }) })));
    assert.ok(expected.length >= 4, `live chart, loss curves, confusion matrix, gates: ${expected.length} figures`);
    const drawn = (await drawnPlots(page)).map(({ cell, scatter, heatmap, bar }) => ({ cell, scatter, heatmap, bar }));
    assert.deepEqual(drawn, expected);
  });

  test("the live loss chart is one output, updated in place up to the last epoch", async () => {
    const cell = saved.cells.findIndex((c) => c.cell_type === "code" && text(c.source).includes("liveChart("));
    assert.ok(cell >= 0, "the tutorial has a live chart cell");
    const injected = saved.cells.find((c) => (c.metadata?.tags ?? []).includes("injected-parameters"));
    const epochs = Number(/const epochs: number = (\d+);/.exec(text(injected!.source))![1]);
    assert.equal(saved.cells[cell].outputs!.filter((o) => o.data?.[PLOTLY]).length, 1, "one figure output in the saved cell");
    const live = (await drawnPlots(page)).filter((p) => p.cell === cell);
    assert.equal(live.length, 1, "one chart drawn in the cell");
    assert.equal(live[0].lastX, epochs, `the last epoch (${epochs}) is drawn`);
    // The screenshot (docs/jupyterlab-tutorial.png is a copy): the training cell and its chart.
    await page.evaluate(async (i) => {
      const app = (window as any).jupyterapp;
      if (app.shell.leftCollapsed === false) await app.commands.execute("application:toggle-left-area");
      const nb = app.shell.currentWidget.content;
      nb.activeCellIndex = i;
      await nb.scrollToItem(i, "start");
    }, cell);
    await page.waitForTimeout(1000);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "jupyterlab-01-tutorial.png") });
  });

  test("in a cell, Tab after grulab. lists the public API and Shift-Tab shows a function's doc comment", async () => {
    const { docs } = publicApi();
    const doc = docs.get("lossCurves")!;
    assert.ok(doc, "lossCurves has a doc comment in src/");
    await page.evaluate(async () => {
      const app = (window as any).jupyterapp;
      const nb = app.shell.currentWidget.content;
      nb.activeCellIndex = nb.widgets.length - 1;
      await app.commands.execute("notebook:insert-cell-below");
      await app.commands.execute("notebook:enter-edit-mode");
    });
    await page.keyboard.type("grulab.");
    await page.keyboard.press("Tab");
    const completer = page.locator(".jp-Completer");
    await completer.waitFor({ state: "visible", timeout: 60_000 });
    const items = await completer.locator(".jp-Completer-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-value")));
    for (const name of ["lossCurves", "liveChart", "showFigure", "train"]) assert.ok(items.includes(name), `${name} in ${items.join(", ")}`);
    await page.keyboard.press("Escape");
    await page.keyboard.type("lossCurves");
    await page.keyboard.press("Shift+Tab");
    const tooltip = page.locator(".jp-Tooltip");
    await tooltip.waitFor({ state: "visible", timeout: 60_000 });
    assert.ok((await tooltip.innerText()).includes(doc), `tooltip shows "${doc}"`);
    await page.keyboard.press("Escape");
  });

  test("grulab.show(df) in a new cell shows the DataFrame as an HTML table: head, a gap row, tail, the size", async () => {
    // The reference: the CSV itself, read here without danfo.
    const [header, ...lines] = fs.readFileSync(path.join(ROOT, "datasets", "seattle-weather.csv"), "utf8").trim().split("\n");
    const columns = header.split(",");
    const code = 'grulab.show(await grulab.readCsvFrame("../datasets/seattle-weather.csv", { numeric: ["wind"], text: ["date"] }));';
    const index = await page.evaluate(async (source) => {
      const app = (window as any).jupyterapp;
      const nb = app.shell.currentWidget.content;
      nb.activeCellIndex = nb.widgets.length - 1;
      await app.commands.execute("notebook:insert-cell-below");
      nb.activeCell.model.sharedModel.setSource(source);
      await app.commands.execute("notebook:run-cell");
      return nb.activeCellIndex;
    }, code);
    const output = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".jp-OutputArea-output table");
    await output.waitFor({ state: "attached", timeout: 120_000 });
    const table = await output.evaluate((t) => ({
      header: Array.from(t.querySelectorAll("thead th")).map((c) => c.textContent!.trim()),
      rows: Array.from(t.querySelectorAll("tbody tr")).map((r) => Array.from(r.children).map((c) => c.textContent!.trim())),
      after: t.parentElement!.textContent!,
    }));
    assert.deepEqual(table.header, ["", ...columns]);
    assert.equal(table.rows.length, 21, "10 first rows, a gap row, 10 last rows");
    assert.equal(table.rows[0][1], lines[0].split(",")[0], "first row's date");
    assert.equal(table.rows[10][1], "…");
    assert.equal(table.rows[20][1], lines[lines.length - 1].split(",")[0], "last row's date");
    assert.match(table.after, new RegExp(`${lines.length} rows × ${columns.length} columns`));
  });

  test("after a restart, the saved notebook opened untrusted still shows every figure, drawn again on demand without scripts", async () => {
    const expected = (await drawnPlots(page)).map(({ cell, scatter, heatmap, bar }) => ({ cell, scatter, heatmap, bar }));
    await page.close();
    // A new server with a new Jupyter data folder: a new kernel, and a notary that never signed
    // the notebook, so it opens untrusted (as one received from someone else): no script runs.
    assert.equal(await lab.stop(), 0, lab.output());
    lab = await startLab(jupyterEnv(path.join(root, ".jupyter-2")), ["--root", root, "--LabApp.expose_app_in_browser=True"]);
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await openNotebook(page, lab, "notebooks/01-tutorial.ipynb");
    const outputs = page.locator(".jp-RenderedPlotly");
    await page.waitForFunction((n) => document.querySelectorAll(".jp-RenderedPlotly").length >= n, expected.length, { timeout: 60_000 });
    assert.equal(await outputs.count(), expected.length);
    assert.equal(await page.locator(".jp-OutputArea-output.jp-mod-trusted").count(), 0, "untrusted outputs");
    // plotly's renderer shows the PNG it saved with each output it drew, and draws the chart on
    // mouse-over; an output saved without one (the live chart, updated after drawing) is drawn at once.
    for (let i = 0; i < expected.length; i++) {
      const output = outputs.nth(i);
      await output.scrollIntoViewIfNeeded();
      const shown = await output.evaluate((el) => ({
        svg: el.querySelector(".main-svg") !== null,
        png: ((el.querySelector("img.plot-img") as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
      }));
      assert.ok(shown.svg || shown.png, `figure ${i} shows its chart or its saved image`);
      await output.hover();
      await output.locator(".main-svg").first().waitFor({ state: "attached", timeout: 30_000 });
    }
    // plotly's renderer, not grulab's HTML representation (whose script would need trust).
    assert.equal(await page.locator(".grulab-figure").count(), 0, "no figure shown through its HTML");
    assert.deepEqual((await drawnPlots(page)).map(({ cell, scatter, heatmap, bar }) => ({ cell, scatter, heatmap, bar })), expected);
    const live = (await drawnPlots(page)).find((p) => p.cell === expected[0].cell)!;
    assert.ok(live.lastX > 0, "the live chart's saved state has its epochs");
    await page.screenshot({ path: path.join(ARTIFACTS, "jupyterlab-01-tutorial-reopened.png") });
    assert.deepEqual(pageErrors, []);
  });
});
