// Bounded waiting: every wait in the end-to-end tests ends, with an error naming what it waited
// for, even when the node hangs.

/** Multiplies every timeout of the tests (NKMS_E2E_TIMEOUT_FACTOR, default 1), for slow machines. */
export const TIMEOUT_FACTOR = (() => {
  const factor = Number(process.env.NKMS_E2E_TIMEOUT_FACTOR ?? 1);
  return Number.isFinite(factor) && factor > 0 ? factor : 1;
})();

/** A timeout in milliseconds, scaled by NKMS_E2E_TIMEOUT_FACTOR. */
export function ms(milliseconds) {
  return Math.round(milliseconds * TIMEOUT_FACTOR);
}

export function sleep(milliseconds) {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/**
 * Resolves or rejects as `promise` does, or rejects after `timeoutMs` with an error that names
 * `what`. The timer never keeps the process alive once the race is decided.
 */
export function withTimeout(promise, timeoutMs, what = 'an operation') {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
      Math.max(0, timeoutMs),
    );
  });
  return Promise.race([Promise.resolve(promise), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Calls `predicate` (sync or async) every `intervalMs` until it returns a truthy value, which is
 * returned. Each call is itself bounded by the time left. Errors thrown by `predicate` count as
 * "not yet" (the last one is reported on timeout). `abortIf`, when given, is checked before each
 * try: a truthy return (a string saying why) ends the wait at once, e.g. when the node exited.
 */
export async function waitFor(
  predicate,
  { timeoutMs, intervalMs = 500, what = 'a condition', abortIf } = {},
) {
  if (!(timeoutMs > 0)) throw new Error('waitFor needs a positive timeoutMs');
  const deadline = performance.now() + timeoutMs;
  let lastError;
  let tries = 0;
  for (;;) {
    const abortReason = abortIf?.();
    if (abortReason) {
      throw new Error(`gave up waiting for ${what}: ${abortReason}`);
    }
    const left = deadline - performance.now();
    if (left <= 0) break;
    tries += 1;
    try {
      const value = await withTimeout(predicate(), left, what);
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    const pause = Math.min(intervalMs, deadline - performance.now());
    if (pause <= 0) break;
    await sleep(pause);
  }
  const detail = lastError ? ` (last error: ${lastError.message ?? lastError})` : '';
  throw new Error(`timed out after ${timeoutMs} ms (${tries} tries) waiting for ${what}${detail}`);
}
