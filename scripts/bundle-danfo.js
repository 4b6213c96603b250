#!/usr/bin/env node
// Vendors danfojs-node into dist/vendor/danfojs-node/ (run by `npm run build` after tsc), so that a
// project that installs grulab does not install danfojs-node itself. danfojs-node 1.2.0 depends on
// `xlsx` from a CDN tarball (outside the npm registry) and on `@tensorflow/tfjs-node@^3`; npm
// `overrides` in grulab's package.json do not apply to a dependent, so a plain `npm install grulab`
// would fail. Here:
// - its JavaScript and its pure-JS dependencies (mathjs, papaparse, table, stream-json, ...) become
//   one CommonJS file, index.js (esbuild, from the devDependency danfojs-node);
// - `@tensorflow/tfjs-node` is replaced by `@tensorflow/tfjs`, left external: danfo uses the
//   project's one tfjs (grulab's peer dependency), never a copy of its own;
// - `xlsx` is left out: readExcel/toExcel throw an error that says to use CSV;
// - its type declarations are copied beside it (index.d.ts), and grulab's own emitted .d.ts and .js
//   files that name "danfojs-node" are pointed at that copy, so a dependent's TypeScript finds the
//   types and "grulab/danfo" loads this copy.
// Never downloads anything.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const danfoRoot = path.dirname(require.resolve("danfojs-node/package.json", { paths: [root] }));
const danfoVersion = require(path.join(danfoRoot, "package.json")).version;
const out = path.join(root, "dist", "vendor", "danfojs-node");

const XLSX_STUB = `
function unsupported() {
  throw new Error("grulab's danfo has no Excel support (the xlsx package is left out): save the sheet as CSV and use readCSV");
}
// Loading is fine; touching anything of it (read, write, utils) throws.
module.exports = new Proxy({}, { get: (_, name) => (name === "__esModule" || typeof name === "symbol" ? undefined : unsupported()) });
`;

// Type packages danfo's declarations name but a dependent does not have: their few types become `any`.
const TYPE_STUBS = {
  table: ["BaseUserConfig", "TableUserConfig"],
  "plotly.js-dist-min": ["Config", "Layout"],
  "node-fetch": ["HeadersInit"],
  papaparse: ["ParseConfig"],
  xlsx: ["ParsingOptions", "WritingOptions"],
};

async function bundle() {
  const esbuild = require("esbuild");
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const result = await esbuild.build({
    entryPoints: [path.join(danfoRoot, "dist/danfojs-node/src/index.js")],
    outfile: path.join(out, "index.js"),
    bundle: true,
    platform: "node",
    target: "node18",
    format: "cjs",
    minifyWhitespace: true,
    minifySyntax: true,
    // show() and others recognise frames by constructor.name ("DataFrame", "Series"): keep the names.
    keepNames: true,
    legalComments: "eof",
    // plotly.js-dist-min is a dependency of grulab itself: one copy.
    external: ["@tensorflow/tfjs", "plotly.js-dist-min"],
    alias: { "@tensorflow/tfjs-node": "@tensorflow/tfjs" },
    plugins: [{
      name: "no-xlsx",
      setup(build) {
        build.onResolve({ filter: /^xlsx$/ }, () => ({ path: "xlsx", namespace: "grulab-stub" }));
        build.onLoad({ filter: /.*/, namespace: "grulab-stub" }, () => ({ contents: XLSX_STUB, loader: "js" }));
      },
    }],
    logLevel: "warning",
    metafile: !!process.env.GRULAB_DANFO_META,
  });
  if (result.metafile) fs.writeFileSync(process.env.GRULAB_DANFO_META, JSON.stringify(result.metafile));
  copyDeclarations(path.join(danfoRoot, "dist"), out);
  fs.writeFileSync(path.join(out, "index.d.ts"), 'export * from "./danfojs-node/src/index";\n');
  fs.writeFileSync(path.join(out, "stubs.d.ts"),
    "// Types of packages danfo's declarations name; grulab vendors danfo without them.\n" +
    Object.values(TYPE_STUBS).flat().map((t) => `export type ${t} = any;`).join("\n") + "\n");
  fs.writeFileSync(path.join(out, "package.json"), JSON.stringify({
    name: "danfojs-node", version: danfoVersion, private: true, license: "MIT",
    description: "danfojs-node vendored by grulab (scripts/bundle-danfo.js): tfjs external, no xlsx",
    main: "index.js", types: "index.d.ts",
  }, null, 2) + "\n");
  pointAtCopy(path.join(root, "dist"));
}

/** Copies every .d.ts under `from` to `to`, pointing imports of the stubbed packages at stubs.d.ts. */
function copyDeclarations(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyDeclarations(src, dst);
    else if (entry.name.endsWith(".d.ts")) {
      fs.mkdirSync(to, { recursive: true });
      let text = fs.readFileSync(src, "utf8");
      const rel = path.relative(path.dirname(dst), path.join(out, "stubs")).split(path.sep).join("/");
      for (const pkg of Object.keys(TYPE_STUBS)) {
        text = text.replace(new RegExp(`(from\\s+)(['"])${pkg.replace(/\./g, "\\.")}\\2`, "g"), `$1"${rel.startsWith(".") ? rel : "./" + rel}"`);
      }
      // streamJSON's options name the `request` package's types: `any` as well.
      text = text.replace(/import request from "request";/, "declare namespace request { type RequiredUriUrl = any; type CoreOptions = any; }");
      fs.writeFileSync(dst, text);
    }
  }
}

/**
 * Rewrites `"danfojs-node"` in grulab's emitted files (dist/src) to the vendored copy: in the
 * declarations (`from "danfojs-node"`, `import("danfojs-node")`) and in the JavaScript
 * (`require("danfojs-node")`, which "grulab/danfo" has).
 */
function pointAtCopy(dist) {
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) { if (file !== path.join(dist, "vendor")) walk(file); continue; }
      if (!entry.name.endsWith(".d.ts") && !entry.name.endsWith(".js")) continue;
      const text = fs.readFileSync(file, "utf8");
      if (!text.includes('"danfojs-node"')) continue;
      let rel = path.relative(path.dirname(file), out).split(path.sep).join("/");
      if (!rel.startsWith(".")) rel = "./" + rel;
      fs.writeFileSync(file, text.replace(/(from\s+|import\(|require\()"danfojs-node"/g, `$1"${rel}"`));
    }
  };
  walk(path.join(dist, "src"));
}

bundle().catch((err) => {
  console.error(`bundle-danfo: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
