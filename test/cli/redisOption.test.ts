import { test } from "node:test";
import * as assert from "node:assert/strict";
import { redisOption } from "../../src/cli/redisOption";
import { UsageError } from "../../src/cli/usageError";

/** Runs `body` with $GRULAB_REDIS_URL set to `value` (undefined: unset), restoring it after. */
function withEnv<T>(value: string | undefined, body: () => T): T {
  const saved = process.env.GRULAB_REDIS_URL;
  if (value === undefined) delete process.env.GRULAB_REDIS_URL; else process.env.GRULAB_REDIS_URL = value;
  try {
    return body();
  } finally {
    if (saved === undefined) delete process.env.GRULAB_REDIS_URL; else process.env.GRULAB_REDIS_URL = saved;
  }
}

test("--redis: the option wins over $GRULAB_REDIS_URL, which is taken when the option is absent", () => {
  withEnv("redis://:env@10.0.0.1:6390", () => {
    assert.equal(redisOption.value({ redis: "redis://:opt@127.0.0.1:7000" }, true), "redis://:opt@127.0.0.1:7000");
    assert.equal(redisOption.value({}, true), "redis://:env@10.0.0.1:6390");
    assert.equal(redisOption.value({}, false), "redis://:env@10.0.0.1:6390");
  });
});

test("--redis: neither given is undefined when optional, and a UsageError naming the option and $GRULAB_REDIS_URL when needed; an empty variable counts as absent", () => {
  for (const env of [undefined, ""]) {
    withEnv(env, () => {
      assert.equal(redisOption.value({}, false), undefined);
      assert.throws(() => redisOption.value({}, true), (err: Error) => {
        assert.ok(err instanceof UsageError, "a usage mistake (exit 2), not a failure");
        assert.match(err.message, /^option --redis URL is needed \(or \$GRULAB_REDIS_URL\)/);
        assert.match(err.message, /scripts\/redis\.sh/);
        return true;
      });
    });
  }
});
