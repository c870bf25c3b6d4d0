/**
 * When a failed request may be sent again. A retry must never duplicate a write: GET, PUT and
 * DELETE are idempotent and retry on server errors and network failures; POST creates things,
 * so it retries only on 429 and 503, which mean the request was not processed.
 */
export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * The longest the transport waits before one attempt, for the rate-limit budget and the
	 * retry delay together. A server asking for more (Retry-After, an absurd window) fails the
	 * request instead; it also keeps every wait far below the 2^31-1 ms a timer can hold.
	 */
	maxWaitMs: number;
	/** Each attempt's deadline for the whole answer, headers and body (not an idle timer). */
	deadlineMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 15_000,
	maxWaitMs: 60_000,
	deadlineMs: 30_000,
};

export type Failure =
	| { kind: 'status'; status: number; retryAfterMs?: number; windowWaitMs?: number }
	| { kind: 'network'; code: string };

const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE', 'HEAD']);
/** Refused connections never reached the server, so even a POST is safe to resend. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED']);

export function isRetryable(method: string, failure: Failure): boolean {
	const idempotent = IDEMPOTENT.has(method.toUpperCase());
	if (failure.kind === 'network') return idempotent || NOT_SENT_CODES.has(failure.code);
	if (failure.status === 429 || failure.status === 503) return true;
	return idempotent && failure.status >= 500;
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 0), or undefined when the request
 * must not be retried. Honours Retry-After, then a known rate-limit window, then exponential
 * backoff with jitter (half fixed, half random, so parallel clients spread out).
 */
export function retryDelay(
	method: string,
	failure: Failure,
	attempt: number,
	random: () => number,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number | undefined {
	if (attempt + 1 >= policy.maxAttempts || !isRetryable(method, failure)) return undefined;
	const jitter = (ms: number) => Math.round(ms * (0.5 + random() / 2));
	if (failure.kind === 'status' && failure.retryAfterMs !== undefined) {
		return failure.retryAfterMs + jitter(policy.baseDelayMs) / 2;
	}
	if (failure.kind === 'status' && failure.windowWaitMs !== undefined && failure.windowWaitMs > 0) {
		return failure.windowWaitMs + jitter(policy.baseDelayMs) / 2;
	}
	return jitter(Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}
