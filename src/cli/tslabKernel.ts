// The grulab Jupyter kernel: tslab with grulab's converter fixes (src/notebook/tslabPatch.ts),
// started by the kernelspecs `grulab kernel install` writes and by the repository's own
// jupyter/kernels/grulab. Jupyter runs it as
//   node <grulab>/dist/src/cli/tslabKernel.js [--tslab DIR] --config-path {connection_file}
// tslab is the one in DIR (the project's, found by `grulab kernel install` through Node's module
// resolution), else the first that Node resolves from the notebook's folder, else grulab's own.
import * as path from "path";
import { patchTslab } from "../notebook/tslabPatch";

/**
 * The folder of the tslab package to run: `given`, else the first tslab Node resolves from `from`.
 *
 * @example
 * findTslab(undefined, [process.cwd()]) // "/home/me/project/node_modules/tslab"
 */
export function findTslab(given: string | undefined, from: readonly string[]): string {
  if (given !== undefined) return path.resolve(given);
  return path.dirname(require.resolve("tslab/package.json", { paths: [...from] }));
}

/**
 * Parses `[--tslab DIR] --config-path FILE` (tslab's own `kernel` word before them is accepted).
 *
 * @example
 * parseKernelArgs(["--config-path", "kernel-1.json"]) // { tslab: undefined, configPath: "kernel-1.json" }
 */
export function parseKernelArgs(argv: readonly string[]): { tslab?: string; configPath: string } {
  let tslab: string | undefined;
  let configPath: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "kernel" && i === 0) continue;
    if (a === "--tslab" || a === "--config-path") {
      const v = argv[++i];
      if (v === undefined) throw new Error(`grulab kernel: ${a} needs a value`);
      if (a === "--tslab") tslab = v; else configPath = v;
      continue;
    }
    throw new Error(`grulab kernel: unknown argument ${JSON.stringify(a)} (expected [--tslab DIR] --config-path FILE)`);
  }
  if (configPath === undefined) throw new Error("grulab kernel: --config-path FILE (Jupyter's connection file) is missing");
  return { tslab, configPath };
}

function main(): void {
  let args: { tslab?: string; configPath: string };
  let tslabDir: string;
  try {
    args = parseKernelArgs(process.argv.slice(2));
    tslabDir = findTslab(args.tslab, [process.cwd(), __dirname]);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const patch = patchTslab(tslabDir);
  if (!patch.patched) {
    console.error(`grulab kernel: tslab ${patch.version} runs unpatched (${patch.reason}): ` +
      "`{ x }` naming a variable of an earlier cell may fail, and so may a cell printing hundreds of lines; grulab's fixes target tslab 1.0.22");
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startKernel } = require(path.join(tslabDir, "dist", "main.js")) as {
    startKernel(o: { configPath: string; enableFindLocal: boolean }): void;
  };
  // The tslab chosen above runs: tslab's own search for another copy above the notebook is off.
  startKernel({ configPath: args.configPath, enableFindLocal: false });
}

if (require.main === module) main();
