import * as path from "path";
import { tutorialStudy } from "../../studies/tutorialStudy";
import type { CommandSpec } from "../commandSpec";

/**
 * `grulab study tutorial`: a study at its budget of record, writing results/<study>.json, the
 * file the numbers in README.md and docs/ are checked against.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["tutorial", "--seeds", "3", "--results", "/tmp/results"]));
 */
export const command: CommandSpec = {
  name: "study",
  summary: "run a study at its budget of record and write results/<study>.json (the numbers the docs quote)",
  description: "tutorial: the tutorial's GRU(128) over seeds 1…N beside the strongest simple baselines on the same 219 test days: accuracy, log-loss, Brier and macro-F1 with 95 % intervals over seeds, and McNemar's paired test of every seed against the strongest baseline.",
  args: [{ name: "study", doc: "the study to run: tutorial" }],
  options: [
    { name: "seeds", type: "integer", min: 1, default: 10, doc: "seeds 1…N" },
    { name: "epochs", type: "integer", min: 1, default: 30, doc: "maximum epochs per seed (early stopping ends sooner)" },
    { name: "results", type: "path", valueName: "DIR", defaultDoc: "the project's results/", doc: "where <study>.json is written, relative to the current directory" },
  ],
  run: async ({ options, args }) => {
    const study = String(args.study);
    if (study !== "tutorial") throw new Error(`grulab study: unknown study "${study}"; the studies with a results file: tutorial`);
    const seeds = Array.from({ length: Number(options.seeds) }, (_, i) => i + 1);
    const resultsDir = options.results === undefined ? undefined : path.resolve(String(options.results));
    const argv = ["grulab study tutorial", options.seeds !== 10 ? `--seeds ${options.seeds}` : "", options.epochs !== 30 ? `--epochs ${options.epochs}` : ""].filter(Boolean).join(" ");
    await tutorialStudy({ seeds, epochs: Number(options.epochs), resultsDir, command: argv });
  },
};
