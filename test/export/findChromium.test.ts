import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import { DEFAULT_CHROMIUM, findChromium } from "../../src/advanced/index";

test("findChromium uses GRULAB_CHROMIUM when set and names that path and the install command when it is missing", () => {
  assert.throws(() => findChromium({ GRULAB_CHROMIUM: "/nonexistent/chromium-xyz" }), (err: Error) => {
    assert.match(err.message, /Chromium not found at \/nonexistent\/chromium-xyz \(from GRULAB_CHROMIUM\)/);
    assert.ok(err.message.includes("apt-get install -y --no-install-recommends chromium"), err.message);
    return true;
  });
});

test("findChromium rejects a directory", () => {
  assert.throws(() => findChromium({ GRULAB_CHROMIUM: os.tmpdir() }), /Chromium not found at/);
});

test("findChromium defaults to Debian's /usr/bin/chromium", () => {
  if (fs.existsSync(DEFAULT_CHROMIUM)) assert.equal(findChromium({}), DEFAULT_CHROMIUM);
  else assert.throws(() => findChromium({}), /Chromium not found at \/usr\/bin\/chromium:/);
});
