import * as fs from "fs";
import * as path from "path";
import { writeFileAtomic } from "../../io/writeFileAtomic";
import type { CommandSpec } from "../commandSpec";
import { UsageError } from "../usageError";

/** grulab's example notebooks: `notebooks/` of the grulab package (from dist/src/cli/commands). */
export const EXAMPLE_NOTEBOOKS = path.resolve(__dirname, "..", "..", "..", "..", "notebooks");

/**
 * Copies grulab's example notebooks into `dir` (created when missing) and returns the files written.
 * An existing file of the same name stops the copy before anything is written, unless `force`.
 *
 * @example
 * copyExampleNotebooks("notebooks") // ["notebooks/01-tutorial.ipynb", …]
 */
export function copyExampleNotebooks(dir: string, force = false, from: string = EXAMPLE_NOTEBOOKS): string[] {
  const names = fs.readdirSync(from).filter((n) => n.endsWith(".ipynb")).sort();
  if (names.length === 0) throw new Error(`no example notebooks in ${from}`);
  const target = path.resolve(dir);
  const existing = names.filter((n) => fs.existsSync(path.join(target, n)));
  if (existing.length > 0 && !force) {
    throw new UsageError(`${path.join(target, existing[0])} exists (and ${existing.length - 1} more): choose another folder or add --force to overwrite`);
  }
  fs.mkdirSync(target, { recursive: true });
  return names.map((n) => {
    const file = path.join(target, n);
    writeFileAtomic(file, fs.readFileSync(path.join(from, n)));
    return file;
  });
}

/**
 * `grulab notebooks copy [DIR]`: grulab's example notebooks, copied into your project to run there.
 *
 * @example
 * await command.run(parseCommandArgs(command, ["copy", "examples"]));
 */
export const command: CommandSpec = {
  name: "notebooks",
  summary: "copy grulab's example notebooks into a folder of your project (grulab notebooks copy [DIR])",
  description: "They import \"grulab\" from your project's node_modules and use the kernel named \"grulab\"\n" +
    "(npx grulab kernel install). Run folders land in <project>/runs/.",
  args: [
    { name: "action", doc: "copy" },
    { name: "dir", doc: "the folder to copy them into (default: notebooks)", optional: true },
  ],
  options: [{ name: "force", type: "flag", doc: "overwrite notebooks of the same name" }],
  run: async ({ options, args }) => {
    if (args.action !== "copy") throw new UsageError(`grulab notebooks expects copy, got "${String(args.action)}"`);
    const files = copyExampleNotebooks((args.dir as string | undefined) ?? "notebooks", options.force === true);
    for (const f of files) console.log(`notebooks: wrote ${f}`);
    console.log("Open them in Jupyter with the kernel \"TypeScript (grulab)\" (npx grulab kernel install).");
  },
};
