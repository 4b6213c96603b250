// Import time of the library against its peer, tfjs alone, measured in the same run: fresh node
// processes, interleaved, `runs` of each (default 7). Prints a table and writes
// bench/import-time.json. Optional: `--other DIR` adds another build's dist/src/index.js (e.g.
// an older commit built elsewhere) as a third column.
//   npm run bench:import [-- --runs N --other /path/to/dist/src/index.js]
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeFileAtomic } from "../src/io/writeFileAtomic";

const root = path.resolve(__dirname, "..", "..");
const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const runs = Number(arg("--runs") ?? 7);
const targets: Array<[string, string]> = [
  ["grulab", path.join(root, "dist", "src", "index.js")],
  ["@tensorflow/tfjs", require.resolve("@tensorflow/tfjs")],
];
const other = arg("--other");
if (other) targets.push([`other (${other})`, path.resolve(other)]);
const SCRIPT = "const t = process.hrtime.bigint(); require(process.argv[1]); console.log(Number(process.hrtime.bigint() - t) / 1e6);";

const ms = new Map<string, number[]>(targets.map(([name]) => [name, []]));
for (let r = 0; r < runs; r++) {
  for (const [name, file] of targets) ms.get(name)!.push(Number(execFileSync(process.execPath, ["-e", SCRIPT, file], { cwd: root, encoding: "utf8" }).trim()));
}
const median = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const peer = median(ms.get("@tensorflow/tfjs")!);
const rows = targets.map(([name]) => {
  const v = ms.get(name)!;
  return { name, medianMs: median(v), minMs: Math.min(...v), maxMs: Math.max(...v), ratioToTfjs: median(v) / peer };
});
console.log(`import time, ${runs} fresh processes each, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
console.log("module".padEnd(40) + "median ms".padStart(10) + "min".padStart(8) + "max".padStart(8) + "× tfjs".padStart(8));
for (const r of rows) console.log(r.name.padEnd(40) + r.medianMs.toFixed(0).padStart(10) + r.minMs.toFixed(0).padStart(8) + r.maxMs.toFixed(0).padStart(8) + r.ratioToTfjs.toFixed(2).padStart(8));
const out = path.join(root, "bench", "import-time.json");
writeFileAtomic(out, JSON.stringify({ date: new Date().toISOString(), runs, loadAverage: os.loadavg()[0], cores: os.cpus().length, node: process.version, rows }, null, 2) + "\n");
console.log(`wrote ${out}`);
if (!fs.existsSync(out)) process.exitCode = 1;
