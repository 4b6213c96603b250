import { test } from "node:test";
import * as assert from "node:assert/strict";
import { helpText, parseTutorialArgs, UsageError } from "../../src/index";

test("parseTutorialArgs reads every option", () => {
  assert.deepEqual(parseTutorialArgs([
    "--epochs", "5", "--units", "16", "--timesteps", "10", "--seed", "0", "--backend", "cpu", "--out", "/tmp/r",
    "--batch-size", "8", "--patience=3", "--gru", "tfjs", "--data", "x.csv",
  ]), { epochs: 5, units: 16, timesteps: 10, seed: 0, backend: "cpu", out: "/tmp/r", batchSize: 8, patience: 3, gru: "tfjs", file: "x.csv" });
  assert.deepEqual(parseTutorialArgs([]), {});
});

test("parseTutorialArgs: bad options are UsageErrors naming the option and what it expects", () => {
  const cases: Array<[string[], RegExp]> = [
    [["--epochs", "ten"], /option --epochs expects an integer ≥ 1, got "ten"/],
    [["--units", "0"], /option --units expects an integer ≥ 1, got "0"/],
    [["--seed", "-1"], /--seed/],
    [["--batch-size", "1.5"], /option --batch-size expects an integer ≥ 1, got "1.5"/],
    [["--backend", "gpu"], /option --backend expects one of tensorflow, wasm, cpu, got "gpu"/],
    [["--gru", "keras"], /option --gru expects grulab or tfjs, got "keras"/],
    [["--lr", "0.1"], /Unknown option '--lr' \(see grulab --help\)/],
    [["--epochs"], /--epochs.*argument missing/],
    [["stray"], /Unexpected argument 'stray'/],
  ];
  for (const [args, re] of cases) {
    assert.throws(() => parseTutorialArgs(args), (err: Error) => err instanceof UsageError && re.test(err.message), args.join(" "));
  }
});

test("helpText lists the command and every option with its default", () => {
  const h = helpText();
  for (const s of ["grulab tutorial", "--epochs N", "--units N", "--timesteps N", "--seed N", "--backend NAME", "--out DIR", "--batch-size N", "--patience N", "(default 128)"]) {
    assert.ok(h.includes(s), s);
  }
});

test("parseTutorialArgs: --gru picks grulab or tfjs, --gru-implementation the grulab sequence code; mistakes name the option", () => {
  assert.deepEqual(parseTutorialArgs(["--gru", "grulab", "--gru-implementation", "reference"]), { gru: "grulab", gruImplementation: "reference" });
  assert.deepEqual(parseTutorialArgs(["--gru=tfjs"]), { gru: "tfjs" });
  assert.throws(() => parseTutorialArgs(["--gru", "keras"]), /option --gru expects grulab or tfjs, got "keras"/);
  assert.throws(() => parseTutorialArgs(["--gru-implementation", "fast"]), /option --gru-implementation expects one of reference, fused, auto, got "fast"/);
  assert.match(helpText(), /--gru NAME\s+GRU layer: grulab .*\| tfjs[\s\S]*\(default grulab\)/);
  assert.match(helpText(), /--gru-implementation NAME[\s\S]*reference \| fused \| auto \(default auto\)/);
});
