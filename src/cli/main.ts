import { RunInterrupted } from "../runs/RunInterrupted";
import type { CommandSpec } from "./commandSpec";
import { loadCommands } from "./loadCommands";
import { parseCommandArgs } from "./parseCommandArgs";
import { commandUsage, usageText } from "./usageText";
import { UsageError } from "./usageError";

/**
 * The `grulab` command: finds the subcommand, parses its options with the one parser and runs
 * it. Returns the exit code instead of exiting, so tests can call it: 0 done, 1 failed, 2 bad
 * command line, or an error's numeric `exitCode` (130/143 for an interrupted run).
 * bin/grulab.js calls it with process.argv.slice(2).
 *
 * @example
 * process.exitCode = await main(["tutorial", "--epochs", "5"]);
 */
export async function main(argv: string[], commands: CommandSpec[] = loadCommands()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      process.stdout.write(usageText(commands));
      return name === undefined ? 2 : 0;
    }
    let spec = commands.find((c) => c.name === name);
    const sub = spec?.subcommands?.find((c) => c.name === `${name} ${rest[0]}`);
    if (sub !== undefined) {
      spec = sub;
      rest.shift();
    }
    if (spec === undefined) {
      throw new UsageError(`unknown command "${name}": expected ${commands.map((c) => c.name).join(", ")} or --help`);
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(commandUsage(spec));
      return 0;
    }
    const code = await spec.run(parseCommandArgs(spec, rest));
    return code ?? 0;
  } catch (err) {
    if (err instanceof RunInterrupted) return err.exitCode; // what was kept and how to resume is printed already
    if (err instanceof UsageError) {
      console.error(`grulab: ${err.message}`);
      return 2;
    }
    console.error(`grulab: error: ${(err as Error).message}`);
    const exitCode = (err as { exitCode?: unknown }).exitCode;
    return typeof exitCode === "number" && Number.isInteger(exitCode) ? exitCode : 1;
  }
}
