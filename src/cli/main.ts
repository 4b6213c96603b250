import { RunInterrupted } from "../runs/RunInterrupted";
import { resumeTutorial, runTutorial } from "../runs/runTutorial";
import { helpText, parseTutorialArgs, UsageError } from "./parseTutorialArgs";

/**
 * The `grulab` command: returns the exit code (0 done, 1 failed, 2 bad command line, 130/143
 * interrupted by SIGINT/SIGTERM with the finished epochs kept) instead of
 * exiting, so tests can call it. bin/grulab.js calls it with process.argv.slice(2).
 *
 * @example
 * process.exitCode = await main(["tutorial", "--epochs", "5"]);
 */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(helpText());
      return command === undefined ? 2 : 0;
    }
    if (command === "tutorial") {
      if (rest.includes("--help") || rest.includes("-h")) {
        process.stdout.write(helpText());
        return 0;
      }
      await runTutorial(parseTutorialArgs(rest));
      return 0;
    }
    if (command === "resume") {
      if (rest.length !== 1 || rest[0].startsWith("-")) throw new UsageError("usage: grulab resume <run folder> (continues an interrupted tutorial run from its checkpoint)");
      await resumeTutorial(rest[0]);
      return 0;
    }
    throw new UsageError(`unknown command "${command}": expected tutorial, resume or --help`);
  } catch (err) {
    if (err instanceof RunInterrupted) return err.exitCode; // what was kept and how to resume is printed already
    if (err instanceof UsageError) {
      console.error(`grulab: ${err.message}`);
      return 2;
    }
    console.error(`grulab: error: ${(err as Error).message}`);
    return 1;
  }
}
