import * as fs from "fs";

/**
 * Where Debian's `chromium` package puts the browser (`findChromium`'s fallback).
 *
 * @example
 * const browser = process.env.GRULAB_CHROMIUM ?? DEFAULT_CHROMIUM;
 */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/**
 * The Chromium executable chart export uses: `GRULAB_CHROMIUM` when set, else
 * `/usr/bin/chromium`. Throws when it is missing or not executable, naming the path looked at
 * and how to install it. grulab never downloads a browser.
 *
 * @example
 * const exe = findChromium(); // "/usr/bin/chromium"
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.GRULAB_CHROMIUM !== undefined && env.GRULAB_CHROMIUM !== "";
  const exe = fromEnv ? (env.GRULAB_CHROMIUM as string) : DEFAULT_CHROMIUM;
  try {
    fs.accessSync(exe, fs.constants.X_OK);
    if (!fs.statSync(exe).isFile()) throw new Error("not a file");
  } catch {
    throw new Error(
      `Chromium not found at ${exe}${fromEnv ? " (from GRULAB_CHROMIUM)" : ""}: PNG, SVG and PDF export need it. ` +
      "Install Debian's package as root: apt-get install -y --no-install-recommends chromium " +
      "(run apt-get update first on a fresh machine), or set GRULAB_CHROMIUM to a Chromium executable.",
    );
  }
  return exe;
}
