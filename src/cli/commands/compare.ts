import * as path from "path";
import { compareReport } from "../../reports/compareReport";
import type { CommandSpec } from "../commandSpec";
import { UsageError } from "../usageError";

/** `20261129-213005`: the time stamp of a default output name. */
function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

/**
 * `grulab compare <run…>`: one page comparing runs (table + loss curves), its CSV, and a PDF where Chromium is.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["runs/a", "runs/b", "--out", "gru-vs-lstm.html"]));
 */
export const command: CommandSpec = {
  name: "compare",
  summary: "compare run folders: a table (differing config, test metrics, baselines) and every run's loss curves",
  description: "Writes the page (.html, offline), the table (.csv) beside it, and a .pdf where Chromium is present.\nRuns of different tasks (classification, regression) cannot be compared.",
  args: [{ name: "run", doc: "run folders, relative to the current directory", variadic: true }],
  options: [
    { name: "out", type: "path", valueName: "FILE", defaultDoc: "compare-<YYYYMMDD-HHMMSS>.html beside the first run folder", doc: "the page to write (.html), relative to the current directory" },
    { name: "pdf", type: "choice", choices: ["auto", "on", "off"], default: "auto", doc: "the PDF: auto = when Chromium is found, on = required" },
  ],
  run: async ({ options, args }) => {
    const runs = args.run as string[];
    if (options.out !== undefined && !String(options.out).endsWith(".html")) throw new UsageError(`option --out expects a file ending in .html, got "${String(options.out)}"`);
    const out = (options.out as string | undefined) ?? path.join(path.dirname(path.resolve(runs[0])), `compare-${stamp(new Date())}.html`);
    const pdf = ({ auto: "auto", on: true, off: false } as const)[options.pdf as "auto" | "on" | "off"];
    await compareReport(runs, out, { pdf });
  },
};
