#!/usr/bin/env node
// `npm run prepare`: npm runs it when it makes a package of this folder — installing from a git URL
// (after installing the dev dependencies), `npm install --install-links <folder>`, `npm pack`.
// A checkout builds (`npm run build`: tsc, the danfo bundle, the kernels). A folder that is already
// a built package (an unpacked grulab tarball: dist/ and no sources, no tsconfig.json) has nothing
// to build, and `npm run build` there would delete its dist/ and then fail for want of tsc.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
if (!fs.existsSync(path.join(root, "tsconfig.json"))) {
  if (!fs.existsSync(path.join(root, "dist", "src", "index.js"))) {
    console.error(`grulab: prepare: ${root} has neither sources (tsconfig.json) nor a build (dist/src/index.js)`);
    process.exit(1);
  }
  console.log("grulab: prepare: a built package (no sources here): nothing to build");
  process.exit(0);
}
const npm = process.env.npm_execpath;
const r = npm ? spawnSync(process.execPath, [npm, "run", "build"], { cwd: root, stdio: "inherit" })
  : spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
if (r.error) throw r.error;
process.exit(r.status ?? 1);
