/**
 * An href for a relative file path in a page: each segment percent-encoded and the whole prefixed
 * with `./`, so a folder named `javascript:alert(1)` or `https:x` stays a relative link (a scheme
 * needs a colon before the first slash; `./` puts a slash first). Escape the result with
 * escapeHtml inside an attribute as usual. An absolute path is refused: pages link only inside
 * their own tree.
 *
 * @example
 * relativeHref("javascript:alert(1)/report.html") // "./javascript%3Aalert(1)/report.html"
 * relativeHref("../runs/x y/report.html") // "../runs/x%20y/report.html"
 */
export function relativeHref(relativePath: string): string {
  const posix = relativePath.split("\\").join("/");
  if (posix.startsWith("/") || /^[A-Za-z]:\//.test(posix)) throw new Error(`relativeHref: "${relativePath}" is absolute; pages link only to relative file paths`);
  const encoded = posix.split("/").map((s) => (s === "." || s === ".." ? s : encodeURIComponent(s))).join("/");
  return encoded.startsWith("../") || encoded.startsWith("./") ? encoded : `./${encoded}`;
}
