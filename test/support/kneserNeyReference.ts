// The Python reference of the modified Kneser–Ney model (test/support/kneserNeyReference.py, the
// standard library only): runs it with the project's .venv python (else python3) and returns its answer.
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";

const ROOT = path.resolve(__dirname, "..", "..", ".."); // dist/test/support → repository root
const VENV_PYTHON = path.join(ROOT, ".venv", "bin", "python");
const SCRIPT = path.join(ROOT, "test", "support", "kneserNeyReference.py");

/** What kneserNeyReference.py answers. */
export interface KneserNeyReference {
  discounts: number[][];
  discountFallback: boolean[];
  countOfCounts: number[][];
  distinctGrams: number[];
  /** Per text: log₂ P(text[i] | text[… i − 1]) for i ≥ 1. */
  log2: number[][];
  /** Per history: P(w | history) for w = 0 … V − 1. */
  distributions: number[][];
}

/** The Python reference's answer for a training text, an order and texts/histories to score. */
export function kneserNeyReference(request: { train: number[]; order: number; vocabSize: number; texts?: number[][]; histories?: number[][] }): KneserNeyReference {
  const python = fs.existsSync(VENV_PYTHON) ? VENV_PYTHON : "python3";
  const r = spawnSync(python, [SCRIPT], { input: JSON.stringify(request), encoding: "utf8", maxBuffer: 64 << 20, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`kneserNeyReference.py exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
