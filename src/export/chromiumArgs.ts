/**
 * Command-line flags for headless Chromium on a machine without network access or GPU: no
 * sandbox (root in containers), no background traffic, no component updates. Playwright gives
 * each launch a fresh temporary profile directory and removes it on close.
 *
 * @example
 * await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
 */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];
