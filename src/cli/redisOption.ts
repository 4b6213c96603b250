import type { OptionSpec } from "./commandSpec";
import { START_REDIS } from "../sweeps/queue/startRedis";
import { UsageError } from "./usageError";

/**
 * The `--redis URL` option of the queue's commands (`grulab worker`, `grulab sweep submit`,
 * `grulab sweep status`) and its value: the option, else $GRULAB_REDIS_URL.
 *
 * @example
 * const url = redisOption.value(options, true); // throws a UsageError when neither is given
 */
export const redisOption = {
  spec: { name: "redis", type: "string", valueName: "URL", doc: `the queue's Redis, redis://:PASSWORD@HOST:PORT (the GRULAB_REDIS_URL line ${START_REDIS} prints)`, defaultDoc: "$GRULAB_REDIS_URL" } satisfies OptionSpec,
  value(options: Record<string, unknown>, needed: boolean): string | undefined {
    const url = (options.redis as string | undefined) ?? (process.env.GRULAB_REDIS_URL || undefined);
    if (url === undefined && needed) throw new UsageError(`option --redis URL is needed (or $GRULAB_REDIS_URL): the queue's Redis, e.g. the GRULAB_REDIS_URL line that ${START_REDIS} prints`);
    return url;
  },
};
