import { Redis } from "ioredis";
import type { RedisTarget } from "./redisTarget";
import { START_REDIS } from "./startRedis";

/** BullMQ's documented floor. */
const MIN_VERSION = [6, 2];

function explain(target: RedisTarget, err: Error & { code?: string }): Error {
  const msg = err.message;
  const what =
    err.code === "ECONNREFUSED" ? `connection refused (is redis-server running there? ${START_REDIS} starts one)`
    : err.code === "ENOTFOUND" || err.code === "EAI_AGAIN" ? "unknown host"
    : err.code === "ETIMEDOUT" || /timed? ?out/i.test(msg) ? "no answer within 5 s (firewall, or the server listens on another address)"
    : /WRONGPASS|invalid password|invalid username-password/i.test(msg) ? `the password was refused (take the GRULAB_REDIS_URL line ${START_REDIS} printed, or the server's requirepass)`
    : /NOAUTH/i.test(msg) ? "the server wants a password: redis://:PASSWORD@host:port"
    : msg;
  return new Error(`Redis at ${target.shown}: ${what}`);
}

/**
 * Connects once, without retries, and checks that the queue can live there: the server answers,
 * takes the password, is Redis ≥ 6.2 and evicts nothing (`maxmemory-policy noeviction`: an
 * evicting Redis silently loses jobs). Throws an Error naming the URL (never its password) and
 * what to do, so that a command fails before anything runs.
 *
 * @example
 * await checkRedis(redisTarget(options.redis as string)); // throws "Redis at redis://:***@127.0.0.1:6390: connection refused (…)"
 */
export async function checkRedis(target: RedisTarget): Promise<void> {
  const client = new Redis({
    host: target.host, port: target.port, username: target.username, password: target.password, db: target.db,
    lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 5_000,
  });
  let cause: Error | undefined; // ioredis rejects with "Connection is closed"; the reason came as an "error" event
  client.on("error", (err: Error) => { cause ??= err; });
  try {
    await client.connect();
    await client.ping();
    const info = await client.info("server");
    const version = /redis_version:(\d+)\.(\d+)/.exec(info);
    if (version && (Number(version[1]) < MIN_VERSION[0] || (Number(version[1]) === MIN_VERSION[0] && Number(version[2]) < MIN_VERSION[1]))) {
      throw new Error(`Redis at ${target.shown}: version ${version[1]}.${version[2]}, BullMQ needs ≥ ${MIN_VERSION.join(".")}`);
    }
    const policy = (await client.config("GET", "maxmemory-policy").catch(() => [])) as string[];
    if (policy[1] !== undefined && policy[1] !== "noeviction") {
      throw new Error(`Redis at ${target.shown}: maxmemory-policy is ${policy[1]}, which can evict queued trials; set it to noeviction (CONFIG SET maxmemory-policy noeviction)`);
    }
  } catch (err) {
    if ((err as Error).message.startsWith(`Redis at ${target.shown}`)) throw err;
    throw explain(target, (cause ?? err) as Error & { code?: string });
  } finally {
    client.disconnect();
  }
}
