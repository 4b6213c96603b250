import { test } from "node:test";
import * as assert from "node:assert/strict";
import { redisTarget } from "../../../src/sweeps/queue/redisTarget";

test("redisTarget takes a redis:// URL apart and shows it without its password", () => {
  assert.deepEqual(redisTarget("redis://:s3cret@10.0.0.5:6390/2"), { host: "10.0.0.5", port: 6390, username: undefined, password: "s3cret", db: 2, shown: "redis://:***@10.0.0.5:6390/2" });
  assert.deepEqual(redisTarget("redis://user:p%40ss@h"), { host: "h", port: 6379, username: "user", password: "p@ss", db: 0, shown: "redis://user:***@h" });
  assert.equal(redisTarget("redis://127.0.0.1:1").shown, "redis://127.0.0.1:1");
});

test("redisTarget: a malformed URL is an error naming it without the password and the expected form", () => {
  assert.throws(() => redisTarget("127.0.0.1:6379"), /^Error: --redis "127\.0\.0\.1:6379" is not a URL: expected redis:\/\/\[:PASSWORD@\]HOST\[:PORT\]\[\/DB\]/);
  assert.throws(() => redisTarget("http://:pw@host:1"), (err: Error) => !err.message.includes("pw@") && /--redis http:\/\/:\*\*\*@host:1: unsupported scheme "http:"/.test(err.message));
  assert.throws(() => redisTarget("redis://:pw@host:1/x"), /--redis redis:\/\/:\*\*\*@host:1\/x: the database "x" is not a number/);
  assert.throws(() => redisTarget("not a url :pw@"), (err: Error) => /is not a URL/.test(err.message) && !err.message.includes("pw@"));
});
