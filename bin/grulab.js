#!/usr/bin/env node
// The grulab command: a shim over the compiled CLI (dist/src/cli/main.js; `npm run build` makes it).
"use strict";
const path = require("path");
const entry = path.join(__dirname, "..", "dist", "src", "cli", "main.js");
let cli;
try {
  cli = require(entry);
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes(entry)) {
    console.error(`grulab: ${entry} not found: grulab's package ships it, so reinstall grulab (npm install grulab); in a checkout of grulab's repository, run \`npm run build\` first`);
    process.exit(1);
  }
  throw err;
}
cli.main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
