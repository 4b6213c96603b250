import { parseArgs } from "util";
import type { CommandInput, CommandSpec, OptionSpec, OptionValue } from "./commandSpec";
import { UsageError } from "./usageError";

/**
 * `batch-size` → `batchSize`: the key under which an option's value reaches `run`.
 *
 * @example
 * optionKey("gru-implementation") // "gruImplementation"
 */
export function optionKey(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function parseValue(o: OptionSpec, text: string): OptionValue {
  const bad = (expected: string) => new UsageError(`option --${o.name} expects ${expected}, got "${text}"`);
  switch (o.type) {
    case "integer": {
      const min = o.min ?? -Infinity;
      const expected = `an integer${Number.isFinite(min) ? ` ≥ ${min}` : ""}`;
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < min) throw bad(expected);
      return Number(text);
    }
    case "number": {
      const min = o.min ?? -Infinity;
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n) || n < min) throw bad(`a number${Number.isFinite(min) ? ` ≥ ${min}` : ""}`);
      return n;
    }
    case "choice":
      if (!(o.choices ?? []).includes(text)) throw bad(`one of ${(o.choices ?? []).join(", ")}`);
      return text;
    case "path":
      if (text === "") throw bad("a path");
      return text;
    default:
      return text;
  }
}

/**
 * The one argument parser of the `grulab` command: checks `argv` (what follows the command
 * name) against the command's spec and returns the options (defaults applied, camelCase keys)
 * and the positional arguments by name. Unknown options, missing values, values of the wrong
 * type and missing or extra arguments are UsageErrors naming the option or argument and what
 * it expects.
 *
 * @example
 * parseCommandArgs(tutorialCommand, ["--epochs", "5"]).options.epochs // 5
 */
export function parseCommandArgs(spec: CommandSpec, argv: string[]): CommandInput {
  const see = `(see grulab ${spec.name} --help)`;
  // "--seed -1": a negative number after a valued option is its value (node's parseArgs would call it ambiguous).
  const valued = new Set(spec.options.filter((o) => o.type !== "flag").map((o) => `--${o.name}`));
  const args0 = argv.flatMap((a, i) => (valued.has(argv[i - 1]) && /^-\d/.test(a) ? [] : valued.has(a) && /^-\d/.test(argv[i + 1] ?? "") ? [`${a}=${argv[i + 1]}`] : [a]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: args0,
      strict: true,
      allowPositionals: true,
      options: Object.fromEntries(spec.options.map((o) => [o.name, { type: o.type === "flag" ? ("boolean" as const) : ("string" as const) }])),
    });
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, "").replace(/\s*\n\s*/g, " ").replace(/\.$/, "");
    throw new UsageError(`${msg} ${see}`);
  }
  const options: CommandInput["options"] = {};
  for (const o of spec.options) {
    const raw = parsed.values[o.name];
    if (raw === undefined) options[optionKey(o.name)] = o.default;
    else if (o.type === "flag") options[optionKey(o.name)] = true;
    else options[optionKey(o.name)] = parseValue(o, String(raw));
  }
  const positionals = [...parsed.positionals];
  const args: CommandInput["args"] = {};
  for (const a of spec.args ?? []) {
    if (a.variadic) {
      if (positionals.length === 0 && !a.optional) throw new UsageError(`missing argument <${a.name}…>: ${a.doc} ${see}`);
      args[a.name] = positionals.splice(0);
    } else {
      const v = positionals.shift();
      if (v === undefined && !a.optional) throw new UsageError(`missing argument <${a.name}>: ${a.doc} ${see}`);
      args[a.name] = v;
    }
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' ${see}`);
  return { options, args };
}
