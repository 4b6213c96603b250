import { writeReport } from "../../reports/writeReport";
import type { CommandSpec } from "../commandSpec";
import { RUN_FILES } from "../../runs/runFormat";

/**
 * `grulab report <run…>`: (re)writes each run folder's report.html, and report.pdf where Chromium is.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["runs/20261127-101500-tutorial", "--pdf", "off"]));
 */
export const command: CommandSpec = {
  name: "report",
  summary: `write a run folder's ${RUN_FILES.reportHtml} (and ${RUN_FILES.reportPdf} where Chromium is present)`,
  args: [{ name: "run", doc: "run folders, relative to the current directory", variadic: true }],
  options: [
    { name: "pdf", type: "choice", choices: ["auto", "on", "off"], default: "auto", doc: `${RUN_FILES.reportPdf}: auto = when Chromium is found, on = required` },
    { name: "samples", type: "integer", min: 0, default: 5, doc: "traced samples whose gate heatmaps are drawn" },
  ],
  run: async ({ options, args }) => {
    const pdf = ({ auto: "auto", on: true, off: false } as const)[options.pdf as "auto" | "on" | "off"];
    for (const dir of args.run as string[]) {
      const t0 = Date.now();
      await writeReport(dir, { pdf, samples: options.samples as number });
      console.log(`report: ${dir} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  },
};
