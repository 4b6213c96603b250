import { test } from "node:test";
import * as assert from "node:assert/strict";
import type { CommandSpec } from "../../src/cli/commandSpec";
import { optionKey, parseCommandArgs } from "../../src/cli/parseCommandArgs";
import { UsageError } from "../../src/cli/usageError";

const spec: CommandSpec = {
  name: "demo", summary: "a demo",
  args: [{ name: "first", doc: "the first" }, { name: "rest", doc: "the others", variadic: true, optional: true }],
  options: [
    { name: "epochs", type: "integer", min: 1, default: 30, doc: "epochs" },
    { name: "rate", type: "number", min: 0, doc: "learning rate" },
    { name: "mode", type: "choice", choices: ["a", "b"], default: "a", doc: "mode" },
    { name: "out-dir", type: "path", doc: "folder" },
    { name: "verbose", type: "flag", doc: "talk" },
  ],
  run: async () => {},
};

test("parseCommandArgs: typed values under camelCase keys, defaults applied, positionals by name", () => {
  assert.deepEqual(parseCommandArgs(spec, ["x", "--epochs", "5", "--rate=0.5", "--mode", "b", "--out-dir", "/tmp/r", "--verbose", "y", "z"]), {
    options: { epochs: 5, rate: 0.5, mode: "b", outDir: "/tmp/r", verbose: true },
    args: { first: "x", rest: ["y", "z"] },
  });
  assert.deepEqual(parseCommandArgs(spec, ["x"]), {
    options: { epochs: 30, rate: undefined, mode: "a", outDir: undefined, verbose: undefined },
    args: { first: "x", rest: [] },
  });
  assert.equal(optionKey("gru-implementation"), "gruImplementation");
});

test("parseCommandArgs: mistakes are UsageErrors naming the option or argument and what it expects", () => {
  const cases: Array<[string[], RegExp]> = [
    [["x", "--epochs", "ten"], /^option --epochs expects an integer ≥ 1, got "ten"$/],
    [["x", "--epochs", "0"], /^option --epochs expects an integer ≥ 1, got "0"$/],
    [["x", "--epochs", "1.5"], /option --epochs expects an integer ≥ 1, got "1.5"/],
    [["x", "--rate", "-1"], /option --rate expects a number ≥ 0, got "-1"/],
    [["x", "--rate", "fast"], /option --rate expects a number ≥ 0, got "fast"/],
    [["x", "--mode", "c"], /option --mode expects one of a, b, got "c"/],
    [["x", "--out-dir", ""], /option --out-dir expects a path, got ""/],
    [["x", "--lr", "0.1"], /Unknown option '--lr' \(see grulab demo --help\)/],
    [["x", "--epochs"], /--epochs.*argument missing/],
    [[], /missing argument <first>: the first \(see grulab demo --help\)/],
  ];
  for (const [args, re] of cases) {
    assert.throws(() => parseCommandArgs(spec, args), (err: Error) => err instanceof UsageError && re.test(err.message), args.join(" "));
  }
  const one: CommandSpec = { ...spec, args: [{ name: "run", doc: "a run" }] };
  assert.throws(() => parseCommandArgs(one, ["a", "b"]), /unexpected argument 'b' \(see grulab demo --help\)/);
  const many: CommandSpec = { ...spec, args: [{ name: "runs", doc: "runs", variadic: true }] };
  assert.throws(() => parseCommandArgs(many, []), /missing argument <runs…>/);
});
