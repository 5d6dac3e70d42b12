/** Bounded retries with exponential backoff; the sleep is injectable so tests do not wait. */
export interface RetryPolicy {
  attempts: number;
  backoffMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface AttemptLog {
  attempt: number;
  ok: boolean;
  detail: string;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it succeeds or the attempts run out; never throws. */
export async function withRetries(
  policy: RetryPolicy,
  attempt: () => Promise<string>,
): Promise<{ ok: boolean; log: AttemptLog[] }> {
  const sleep = policy.sleep ?? realSleep;
  const log: AttemptLog[] = [];
  for (let number = 1; number <= policy.attempts; number++) {
    try {
      log.push({ attempt: number, ok: true, detail: await attempt() });
      return { ok: true, log };
    } catch (error) {
      log.push({
        attempt: number,
        ok: false,
        detail: describeError(error),
      });
      if (number < policy.attempts) await sleep(policy.backoffMs * 2 ** (number - 1));
    }
  }
  return { ok: false, log };
}

/** "fetch failed" says little; the cause (ECONNREFUSED, a timeout) says what to fix. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  const detail = cause?.code ?? cause?.message;
  return detail ? `${error.message} (${detail})` : error.message;
}
