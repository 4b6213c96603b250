// Test support: runs the grulab CLI in this process and collects what it prints.
import { main } from "../../src/cli/main";

/** `main(args)` with console.log / console.error captured: the exit code and the printed text. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => { out.push(a.join(" ")); };
  console.error = (...a: unknown[]) => { err.push(a.join(" ")); };
  try {
    return { code: await main(args), stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    [console.log, console.error] = [log, error];
  }
}
