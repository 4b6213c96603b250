#!/usr/bin/env node
// `npm run report -- runs/<id> [--no-pdf] [--samples N]`: writes report.html (+ report.pdf).
import { writeReport } from "./writeReport";

/**
 * The command-line entry of the report: parses `argv` (run folders, `--no-pdf`, `--samples N`),
 * writes each run's report, and returns the exit code (0 ok, 1 error, 2 usage).
 *
 * @example
 * process.exitCode = await reportCli(["runs/20261127-101500-tutorial"]);
 */
export async function reportCli(argv: string[]): Promise<number> {
  const dirs: string[] = [];
  let pdf: boolean | "auto" = "auto";
  let samples: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-pdf") pdf = false;
    else if (a === "--pdf") pdf = true;
    else if (a === "--samples") {
      samples = Number(argv[++i]);
      if (!Number.isInteger(samples) || samples < 0) { console.error(`report: option --samples expects an integer >= 0, got ${argv[i]}`); return 2; }
    } else if (a.startsWith("-")) { console.error(`report: unknown option ${a}\nusage: npm run report -- runs/<id> [--no-pdf|--pdf] [--samples N]`); return 2; }
    else dirs.push(a);
  }
  if (dirs.length === 0) { console.error("usage: npm run report -- runs/<id> [--no-pdf|--pdf] [--samples N]"); return 2; }
  for (const dir of dirs) {
    const t0 = Date.now();
    try {
      await writeReport(dir, { pdf, samples });
      console.log(`report: ${dir} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      console.error(`report: ${(err as Error).message}`);
      return 1;
    }
  }
  return 0;
}

if (require.main === module) {
  reportCli(process.argv.slice(2)).then((code) => { process.exitCode = code; });
}
