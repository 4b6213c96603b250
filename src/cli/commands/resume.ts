import { resumeTutorial } from "../../runs/runTutorial";
import type { CommandSpec } from "../commandSpec";

/**
 * `grulab resume <run>`: continues an interrupted tutorial run from its checkpoint (the last
 * completed epoch), with the same config, shuffling order and optimizer state.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["runs/20261127-101500-tutorial"]));
 */
export const command: CommandSpec = {
  name: "resume",
  summary: "continue an interrupted tutorial run from its last completed epoch",
  args: [{ name: "run", doc: "the run folder, relative to the current directory" }],
  options: [],
  run: async ({ args }) => {
    await resumeTutorial(args.run as string);
  },
};
