import * as fs from "fs";
import * as path from "path";

/**
 * grulab's version from its package.json (a results file records it).
 *
 * @example
 * grulabVersion() // "0.1.0"
 */
export function grulabVersion(): string {
  return (JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8")) as { version: string }).version;
}
