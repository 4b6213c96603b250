// relativeHref: relative paths become ./-prefixed, segment-encoded hrefs that no browser reads as
// a scheme; absolute paths are refused.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import { relativeHref } from "../../src/reports/relativeHref";

test("segments are percent-encoded and the href starts with ./ or ../, so a colon never starts a scheme", () => {
  assert.equal(relativeHref("javascript:alert(1)/report.html"), "./javascript%3Aalert(1)/report.html");
  assert.equal(relativeHref("https:x"), "./https%3Ax");
  assert.equal(relativeHref("../runs/x y/report.html"), "../runs/x%20y/report.html");
  assert.equal(relativeHref("./a#b/c?d.html"), "./a%23b/c%3Fd.html");
  assert.equal(relativeHref("runs\\win dows\\report.html"), "./runs/win%20dows/report.html");
  assert.equal(relativeHref("a/../b/ä.html"), "./a/../b/%C3%A4.html");
  for (const href of ["javascript:alert(1)/report.html", "https:x", "mailto:me"]) {
    assert.equal(new URL(relativeHref(href), "https://example.org/dir/").origin, "https://example.org", `${href} stays on the page's origin`);
  }
});

test("absolute paths are refused, naming the path", () => {
  assert.throws(() => relativeHref("/etc/passwd"), { message: 'relativeHref: "/etc/passwd" is absolute; pages link only to relative file paths' });
  assert.throws(() => relativeHref("C:\\runs\\report.html"), /"C:\\runs\\report\.html" is absolute/);
  assert.throws(() => relativeHref("c:/x"), /is absolute/);
});
