import type { CommandSpec, OptionSpec } from "./commandSpec";

const PLACEHOLDER: Record<OptionSpec["type"], string> = { integer: "N", number: "X", string: "TEXT", path: "PATH", choice: "NAME", flag: "" };
const COLUMN = 22;

function optionLines(o: OptionSpec): string[] {
  const placeholder = o.type === "flag" ? "" : ` ${o.valueName ?? PLACEHOLDER[o.type]}`;
  const head = `  --${o.name}${placeholder}`;
  let doc = o.doc;
  if (o.type === "choice" && o.choices) doc += `: ${o.choices.join(" | ")}`;
  const dflt = o.defaultDoc ?? (o.default === undefined ? null : String(o.default));
  if (dflt !== null) doc += ` (default ${dflt})`;
  return head.length + 2 <= COLUMN ? [head.padEnd(COLUMN) + doc] : [head, " ".repeat(COLUMN) + doc];
}

function synopsis(spec: CommandSpec): string {
  const args = (spec.args ?? []).map((a) => {
    const s = `<${a.name}${a.variadic ? "…" : ""}>`;
    return a.optional ? `[${s}]` : s;
  });
  return ["grulab", spec.name, ...(spec.options.length > 0 ? ["[options]"] : []), ...args].join(" ");
}

/**
 * The usage of one command: its synopsis, description, arguments and every option with its
 * type placeholder, doc and default (`grulab <command> --help`).
 *
 * @example
 * process.stdout.write(commandUsage(tutorialCommand));
 */
export function commandUsage(spec: CommandSpec): string {
  const lines = [`Usage: ${synopsis(spec)}`, "", `${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}.`];
  if (spec.description) lines.push("", spec.description);
  if ((spec.subcommands ?? []).length > 0) {
    lines.push("", "Commands under it:");
    for (const c of spec.subcommands ?? []) lines.push(`  ${synopsis(c)}`, `      ${c.summary}`);
  }
  if ((spec.args ?? []).length > 0) {
    lines.push("", "Arguments:");
    for (const a of spec.args ?? []) lines.push(`  <${a.name}${a.variadic ? "…" : ""}>`.padEnd(COLUMN) + a.doc);
  }
  if (spec.options.length > 0) {
    lines.push("", "Options:");
    for (const o of spec.options) lines.push(...optionLines(o));
  }
  lines.push("", "Exit codes: 0 done, 1 failed, 2 bad command line, 130/143 interrupted (SIGINT/SIGTERM).", "");
  return lines.join("\n");
}

/**
 * The text of `grulab --help`: every command with its summary, then every command's options.
 *
 * @example
 * process.stdout.write(usageText(commands));
 */
export function usageText(commands: CommandSpec[]): string {
  const lines = ["grulab — GRU experiments in TypeScript", "", "Usage:"];
  for (const c of commands.flatMap((c) => [c, ...(c.subcommands ?? [])])) lines.push(`  ${synopsis(c)}`, `      ${c.summary}`);
  lines.push("  grulab --help", "      this text; grulab <command> --help: one command's usage");
  for (const c of commands.flatMap((c) => [c, ...(c.subcommands ?? [])])) {
    if (c.options.length === 0) continue;
    lines.push("", `Options of ${c.name}:`);
    for (const o of c.options) lines.push(...optionLines(o));
  }
  lines.push("", "Exit codes: 0 done, 1 failed, 2 bad command line, 130/143 interrupted (SIGINT/SIGTERM).", "");
  return lines.join("\n");
}
