import * as path from "node:path";

const script = path.resolve(__dirname, "..", "..", "..", "..", "scripts", "redis.sh");

/**
 * The shell command that starts a private redis-server for the sweep queue: `bash` and the
 * absolute path of scripts/redis.sh inside the installed grulab package (shipped through
 * package.json's `files`), so a message can name a command that works in a user's project. Its
 * first line of output is the `GRULAB_REDIS_URL=redis://:PASSWORD@HOST:PORT` to pass as `--redis`.
 *
 * @example
 * console.log(`no Redis yet? ${START_REDIS} starts one`); // bash /…/node_modules/grulab/scripts/redis.sh
 */
export const START_REDIS = `bash ${/^[\w@%+=:,./-]+$/.test(script) ? script : `'${script.replace(/'/g, "'\\''")}'`}`;
