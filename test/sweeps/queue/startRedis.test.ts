import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { START_REDIS } from "../../../src/sweeps/queue/startRedis";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");

test("START_REDIS is bash and the absolute path of scripts/redis.sh, which exists, parses and is shipped in the package", () => {
  const script = path.join(ROOT, "scripts", "redis.sh");
  assert.equal(START_REDIS, `bash ${script}`);
  assert.ok(fs.existsSync(script));
  const syntax = spawnSync("bash", ["-n", script], { encoding: "utf8" });
  assert.equal(syntax.status, 0, syntax.stderr);
  assert.match(fs.readFileSync(script, "utf8"), /echo "GRULAB_REDIS_URL=redis:\/\/:\$password@\$bind:\$port"/);
  const files = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { files: string[] }).files;
  assert.ok(files.includes("scripts/redis.sh"), "package.json's files ship scripts/redis.sh");
});

test("redis.sh without redis-server on PATH says how to install it, and names no file of grulab's repository", () => {
  const r = spawnSync("/bin/bash", [path.join(ROOT, "scripts", "redis.sh")], { encoding: "utf8", env: { PATH: "/nonexistent" } });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "redis.sh: redis-server not found: install it (Debian/Ubuntu: sudo apt-get install redis-server; Redis 6.2 or later)\n");
});
