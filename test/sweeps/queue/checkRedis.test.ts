// needs: redis (Debian's redis-server; scripts/system-deps.sh installs it)
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Redis } from "ioredis";
import { checkRedis } from "../../../src/sweeps/queue/checkRedis";
import { redisTarget } from "../../../src/sweeps/queue/redisTarget";
import { startRedisServer } from "../../support/redisServer";
import { freePort } from "../../support/freePort";

/** The command the messages name: bash and this checkout's scripts/redis.sh (what an installed grulab ships). */
const startRedis = `bash ${path.resolve(__dirname, "../../../../scripts/redis.sh")}`;

test("checkRedis: nothing listening is 'connection refused' with the URL, never the password, and how to start one", async () => {
  const port = await freePort();
  await assert.rejects(checkRedis(redisTarget(`redis://:s3cret@127.0.0.1:${port}`)), (err: Error) => {
    assert.equal(err.message, `Redis at redis://:***@127.0.0.1:${port}: connection refused (is redis-server running there? ${startRedis} starts one)`);
    return true;
  });
});

test("checkRedis against a real redis-server: the right password passes; a wrong one, none, and an evicting policy are refused with what to do", { timeout: 60_000 }, async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "grulab-checkredis-"));
  const redis = await startRedisServer(path.join(dir, "redis"));
  t.after(async () => {
    await redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const at = `127.0.0.1:${redis.port}`;
  await checkRedis(redisTarget(redis.url));
  await assert.rejects(checkRedis(redisTarget(`redis://:wrong-password@${at}`)), (err: Error) => {
    assert.equal(err.message, `Redis at redis://:***@${at}: the password was refused (take the GRULAB_REDIS_URL line ${startRedis} printed, or the server's requirepass)`);
    return true;
  });
  await assert.rejects(checkRedis(redisTarget(`redis://${at}`)), { message: `Redis at redis://${at}: the server wants a password: redis://:PASSWORD@host:port` });
  const admin = new Redis({ host: "127.0.0.1", port: redis.port, password: redis.password });
  try {
    await admin.config("SET", "maxmemory-policy", "allkeys-lru");
    await assert.rejects(checkRedis(redisTarget(redis.url)), (err: Error) => {
      assert.equal(err.message, `Redis at redis://:***@${at}: maxmemory-policy is allkeys-lru, which can evict queued trials; set it to noeviction (CONFIG SET maxmemory-policy noeviction)`);
      assert.ok(!err.message.includes(redis.password));
      return true;
    });
    await admin.config("SET", "maxmemory-policy", "noeviction");
    await checkRedis(redisTarget(redis.url));
  } finally {
    admin.disconnect();
  }
});
