import * as path from "path";
import type { Browser, Page } from "playwright-core";
import type { Figure } from "../charts/figure";
import { writeFileAtomic } from "../io/writeFileAtomic";
import { CHROMIUM_ARGS } from "./chromiumArgs";
import { DEFAULT_CHROMIUM, findChromium } from "./findChromium";
import { figureToHtml } from "./figureToHtml";
import { plotlyBundle } from "./plotlyBundle";

/** Size of an exported chart in CSS pixels; `scale` multiplies the pixels of a PNG. */
/** Size of an exported chart, in CSS pixels. */
export interface ExportOptions {
  /** Default: the figure's `layout.width`, else 900 (plotly's toImage and kaleido use the layout's size too). */
  width?: number;
  /** Default: the figure's `layout.height`, else 540. */
  height?: number;
  /** Pixel density of PNGs: 2 doubles the pixels, not the layout (default 1). */
  scale?: number;
}

/** A batch exporter: one Chromium and one page (plotly injected once) for many charts. */
export interface ChartExporter {
  /** Writes `figure` to `file`; the format follows the extension (.html, .png, .svg, .pdf). */
  export(figure: Figure, file: string, options?: ExportOptions): Promise<void>;
  /** Prints a local HTML file (e.g. report.html) to PDF once its plotly figures are drawn. */
  printHtmlToPdf(htmlFile: string, pdfFile: string): Promise<void>;
  /** Closes the browser (when one was started). */
  close(): Promise<void>;
}

const FORMATS = [".html", ".png", ".svg", ".pdf"];

/**
 * Opens a chart exporter. Chromium (`findChromium`: `GRULAB_CHROMIUM` or `/usr/bin/chromium`,
 * driven by playwright-core, never downloaded) starts at the first PNG/SVG/PDF export and is
 * reused for the rest of the batch; `.html` needs no browser. Exports run one after another.
 * Every file is written atomically. PNG and SVG come from `Plotly.toImage`, PDF from printing
 * the drawn figure on a page of exactly its size.
 *
 * @example
 * const exporter = await openChartExporter();
 * try { await exporter.export(fig, "loss.png", { width: 800, height: 500, scale: 2 }); } finally { await exporter.close(); }
 */
export async function openChartExporter(): Promise<ChartExporter> {
  let browser: Browser | undefined;
  let chartPage: Page | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };
  const getBrowser = async (): Promise<Browser> => {
    if (!browser) {
      const executablePath = findChromium();
      const { chromium } = await import("playwright-core"); // loaded only when a browser is needed
      try {
        browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
      } catch (err) {
        throw new Error(`could not start Chromium at ${executablePath} (GRULAB_CHROMIUM or ${DEFAULT_CHROMIUM}): ${(err as Error).message.split("\n")[0]}`);
      }
    }
    return browser;
  };
  const getChartPage = async (): Promise<Page> => {
    if (!chartPage) {
      const page = await (await getBrowser()).newPage();
      await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0;overflow:hidden}</style></head><body><div id="g"></div></body></html>');
      await page.addScriptTag({ content: plotlyBundle() });
      chartPage = page;
    }
    return chartPage;
  };
  return {
    export: (figure, file, options = {}) => serial(async () => {
      checkFigure(figure, file);
      const ext = path.extname(file).toLowerCase();
      if (!FORMATS.includes(ext)) {
        throw new Error(`exportChart: unknown extension "${ext || "(none)"}" in ${file}; expected one of ${FORMATS.join(", ")}`);
      }
      const { width, height, scale } = checkSize(options, figure.layout);
      if (ext === ".html") {
        writeFileAtomic(file, figureToHtml({ data: figure.data, layout: { ...figure.layout, width, height } }, { title: path.basename(file) }));
        return;
      }
      const page = await getChartPage();
      await page.setViewportSize({ width, height });
      const format = ext.slice(1);
      const url = await page.evaluate(async ({ fig, width, height, scale, format }) => {
        const P = (window as unknown as { Plotly: PlotlyInPage }).Plotly;
        const div = document.getElementById("g") as HTMLElement;
        P.purge(div);
        await P.newPlot(div, fig.data, { ...fig.layout, width, height }, { staticPlot: true, displayModeBar: false });
        return format === "pdf" ? "" : (await P.toImage(div, { format, width, height, scale })) as string;
      }, { fig: figure, width, height, scale, format });
      if (format === "pdf") {
        const pdf = await page.pdf({ width: `${width}px`, height: `${height}px`, printBackground: true, pageRanges: "1", margin: { top: "0", right: "0", bottom: "0", left: "0" } });
        writeFileAtomic(file, pdf);
      } else if (format === "png") {
        writeFileAtomic(file, Buffer.from(url.slice(url.indexOf(",") + 1), "base64"));
      } else {
        writeFileAtomic(file, decodeURIComponent(url.slice(url.indexOf(",") + 1)));
      }
    }),
    printHtmlToPdf: (htmlFile, pdfFile) => serial(async () => {
      const page = await (await getBrowser()).newPage({ viewport: { width: 1000, height: 1400 } });
      try {
        await page.goto("file://" + path.resolve(htmlFile));
        await page.evaluate(() => (window as unknown as { grulabReady?: Promise<unknown> }).grulabReady);
        // A4 at 96 dpi is 794 px wide; scaled so that a 1000 px wide page fits between margins.
        const pdf = await page.pdf({ format: "A4", printBackground: true, scale: 0.7, margin: { top: "10mm", bottom: "10mm", left: "10mm", right: "10mm" } });
        writeFileAtomic(pdfFile, pdf);
      } finally {
        await page.close();
      }
    }),
    close: async () => {
      await queue;
      if (browser) await browser.close();
      browser = undefined;
      chartPage = undefined;
    },
  };
}

/** A figure is `{ data: [...], layout: {...} }`; anything else would end in a TypeError inside Playwright. */
function checkFigure(figure: unknown, file: unknown): void {
  const f = figure as { data?: unknown; layout?: unknown } | null;
  if (typeof figure !== "object" || f === null || !Array.isArray(f.data) || typeof f.layout !== "object" || f.layout === null || Array.isArray(f.layout)) {
    const got = f === null ? "null" : typeof figure !== "object" ? typeof figure : Array.isArray(figure) ? "an array" : `an object with keys ${Object.keys(figure as object).join(", ") || "(none)"}`;
    throw new Error(`exportChart: expected a figure ({ data: [...], layout: {...} }, what the chart builders return), got ${got}`);
  }
  if (typeof file !== "string" || file === "") throw new Error(`exportChart: expected a file path (a string ending in .html, .png, .svg or .pdf), got ${JSON.stringify(file)}`);
}

// Size: the options, else the figure's layout.width/height (as plotly's toImage and kaleido), else 900×540.
function checkSize(options: ExportOptions, layout: Record<string, unknown>): { width: number; height: number; scale: number } {
  const pick = (name: "width" | "height", fallback: number): [number, string] => {
    if (options[name] !== undefined) return [options[name] as number, `option ${name}`];
    if (layout[name] !== undefined && layout[name] !== null) return [layout[name] as number, `figure layout.${name}`];
    return [fallback, `option ${name}`];
  };
  const [width, widthSource] = pick("width", 900);
  const [height, heightSource] = pick("height", 540);
  const scale = options.scale ?? 1;
  for (const [source, v] of [[widthSource, width], [heightSource, height]] as const) {
    if (!Number.isInteger(v) || v < 10 || v > 10000) throw new Error(`exportChart: ${source} is ${v}, expected an integer number of pixels in [10, 10000]`);
  }
  if (!(scale > 0 && scale <= 10)) throw new Error(`exportChart: option scale is ${scale}, expected a number in (0, 10]`);
  return { width, height, scale };
}

/** The part of plotly's browser API the exporter calls. */
interface PlotlyInPage {
  purge(div: HTMLElement): void;
  newPlot(div: HTMLElement, data: unknown, layout: unknown, config: unknown): Promise<unknown>;
  toImage(div: HTMLElement, options: { format: string; width: number; height: number; scale: number }): Promise<string>;
}
