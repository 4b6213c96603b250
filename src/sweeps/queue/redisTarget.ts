import { START_REDIS } from "./startRedis";

/**
 * Where the sweep queue lives: a `redis://[:password@]host[:port][/db]` URL taken apart, with
 * `shown`, the same URL with the password replaced by `***` (for messages and logs).
 *
 * @example
 * const t = redisTarget("redis://:s3cret@10.0.0.5:6390/0");
 * t.host // "10.0.0.5"; t.shown // "redis://:***@10.0.0.5:6390/0"
 */
export interface RedisTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  /** The URL without its password, safe to print. */
  shown: string;
}

/**
 * Parses the `--redis URL` option (redis:// only; rediss:// and clusters are not supported). A
 * malformed URL is an Error naming it (without its password) and the expected form.
 *
 * @example
 * redisTarget("redis://:pw@127.0.0.1:6379").port // 6379
 */
export function redisTarget(url: string): RedisTarget {
  let u: URL;
  const expected = `expected redis://[:PASSWORD@]HOST[:PORT][/DB], e.g. the GRULAB_REDIS_URL line that ${START_REDIS} prints`;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--redis "${url.replace(/:[^:@/]*@/, ":***@")}" is not a URL: ${expected}`);
  }
  const password = u.password === "" ? undefined : decodeURIComponent(u.password);
  const shownUrl = new URL(url);
  if (password !== undefined) shownUrl.password = "***";
  const shown = shownUrl.toString().replace(/\/$/, "");
  if (u.protocol !== "redis:") throw new Error(`--redis ${shown}: unsupported scheme "${u.protocol}", ${expected}`);
  if (u.hostname === "") throw new Error(`--redis ${shown}: no host, ${expected}`);
  const port = u.port === "" ? 6379 : Number(u.port);
  const dbText = u.pathname.replace(/^\//, "");
  if (!/^\d*$/.test(dbText)) throw new Error(`--redis ${shown}: the database "${dbText}" is not a number, ${expected}`);
  const username = u.username === "" ? undefined : decodeURIComponent(u.username);
  return { host: u.hostname.replace(/^\[|\]$/g, ""), port, username, password, db: dbText === "" ? 0 : Number(dbText), shown };
}
