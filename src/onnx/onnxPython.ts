import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The Python side of an exported model, for one command of grulab_onnx.py: the script, and a Python that can run it. */
export interface OnnxPython {
  /** Absolute path of grulab_onnx.py inside the installed grulab package (`node_modules/grulab/src/onnx/grulab_onnx.py`). */
  script: string;
  /** The first Python tried that imports what the command needs, or null when none does. */
  python: string | null;
  /** The Pythons tried, in order. */
  tried: string[];
  /** When `python` is null: why, and what to do (pip install …, or GRULAB_PYTHON=…); else "". */
  reason: string;
}

/** What each command of grulab_onnx.py imports. */
const NEEDS = { onnxruntime: ["onnxruntime", "onnx", "numpy"], torch: ["torch", "numpy"] } as const;

/** Answers found so far in this process, by command, Pythons tried and PATH (a bare `python3` depends on it). */
const found = new Map<string, string>();

/** The Pythons to try: $GRULAB_PYTHON, the active virtual environment, the nearest `.venv` from the working folder up, python3, Debian's /usr/bin/python3. */
function candidates(): string[] {
  const out: string[] = [];
  if (process.env.GRULAB_PYTHON) out.push(process.env.GRULAB_PYTHON);
  if (process.env.VIRTUAL_ENV) out.push(path.join(process.env.VIRTUAL_ENV, "bin", "python"));
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const venv = path.join(dir, ".venv", "bin", "python");
    if (fs.existsSync(venv)) { out.push(venv); break; }
    if (path.dirname(dir) === dir) break;
  }
  out.push("python3", "/usr/bin/python3");
  return [...new Set(out)];
}

/**
 * The Python side of a model exported with `exportOnnx`: the absolute path of grulab_onnx.py
 * (shipped in the package; `onnxruntime` runs a model file with onnx.checker + onnxruntime,
 * `torch` builds its graph in PyTorch) and the first Python that imports what `command` needs:
 * $GRULAB_PYTHON, $VIRTUAL_ENV's, the nearest `.venv/bin/python` from the working folder up,
 * `python3`, `/usr/bin/python3`. When none does, `python` is null and `reason` says what is
 * missing and how to get it, so a notebook can skip the step with that message. A Python found is
 * remembered for the process (the same command with the same candidates and PATH starts no
 * process again, where each try took up to seconds); "none" is not, so installing the
 * modules and calling again finds them.
 *
 * @example
 * const side = onnxPython("onnxruntime");
 * if (side.python === null) console.log(`Python onnxruntime: skipped, ${side.reason}`);
 * else spawnSync(side.python, [side.script, "onnxruntime", "model.onnx", "input.json", "out.json"]);
 */
export function onnxPython(command: "onnxruntime" | "torch"): OnnxPython {
  if (!(command in NEEDS)) throw new Error(`onnxPython: command "${command}", expected "onnxruntime" or "torch"`);
  const script = path.resolve(__dirname, "..", "..", "..", "src", "onnx", "grulab_onnx.py");
  if (!fs.existsSync(script)) throw new Error(`onnxPython: ${script} is missing (grulab's package ships it): reinstall grulab`);
  const modules = NEEDS[command];
  const tried = candidates();
  const key = [command, process.env.PATH ?? "", ...tried].join("\0");
  const python = found.get(key) ?? tried.find((p) => spawnSync(p, ["-c", `import ${modules.join(", ")}`], { stdio: "ignore", timeout: 60_000 }).status === 0) ?? null;
  if (python !== null) found.set(key, python);
  const install = command === "torch" ? "pip install torch numpy (Debian: apt-get install python3-torch)" : "pip install onnxruntime onnx numpy";
  const reason = python !== null ? "" :
    `no Python here imports ${modules.join(", ")} (tried ${tried.join(", ")}): ${install}, or set GRULAB_PYTHON to a Python that has them`;
  return { script, python, tried, reason };
}
