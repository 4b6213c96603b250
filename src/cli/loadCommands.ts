import * as fs from "fs";
import * as path from "path";
import type { CommandSpec } from "./commandSpec";

/**
 * Every `grulab` subcommand: each file of src/cli/commands/ exports one `command` (a
 * CommandSpec), so adding a command is adding a file. Sorted by name; a file without a
 * `command`, or two commands of one name, is an Error naming the file.
 *
 * @example
 * loadCommands().map((c) => c.name) // ["compare", "report", "tutorial", …]
 */
export function loadCommands(dir: string = path.join(__dirname, "commands")): CommandSpec[] {
  const commands: CommandSpec[] = [];
  const files = fs.readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts") && !f.endsWith(".map"));
  for (const f of files.sort()) {
    const file = path.join(dir, f);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const spec = (require(file) as { command?: CommandSpec }).command;
    if (spec === undefined || typeof spec.name !== "string" || typeof spec.run !== "function") {
      throw new Error(`${file}: expected an exported \`command\` (a CommandSpec with name, summary, options and run)`);
    }
    const twin = commands.find((c) => c.name === spec.name);
    if (twin) throw new Error(`${file}: a second command named "${spec.name}"`);
    commands.push(spec);
  }
  return commands.sort((a, b) => a.name.localeCompare(b.name));
}
