import { isRetryable, retryDelay, DEFAULT_RETRY_POLICY } from '../../nodes/shared/transport/retry';

const noJitter = () => 0.5;

describe('which failures are retried', () => {
	it.each([
		['GET', 500, true],
		['PUT', 502, true],
		['DELETE', 504, true],
		['POST', 500, false],
		['POST', 502, false],
		['POST', 429, true],
		['POST', 503, true],
		['GET', 400, false],
		['PUT', 422, false],
		['GET', 401, false],
	])('%s with %s → %s', (method, status, expected) => {
		expect(isRetryable(method as string, { kind: 'status', status: status as number })).toBe(
			expected,
		);
	});

	it('retries network failures only where a resend cannot duplicate a write', () => {
		expect(isRetryable('GET', { kind: 'network', code: 'ECONNRESET' })).toBe(true);
		expect(isRetryable('POST', { kind: 'network', code: 'ECONNRESET' })).toBe(false);
		expect(isRetryable('POST', { kind: 'network', code: 'ETIMEDOUT' })).toBe(false);
		expect(isRetryable('POST', { kind: 'network', code: 'ECONNREFUSED' })).toBe(true);
	});
});

describe('retry delays', () => {
	it('backs off exponentially with jitter, capped, and gives up after the last attempt', () => {
		const failure = { kind: 'status', status: 500 } as const;
		const delays = [0, 1, 2, 3].map((attempt) => retryDelay('GET', failure, attempt, noJitter));
		expect(delays).toEqual([375, 750, 1500, 3000]);
		expect(
			retryDelay('GET', failure, DEFAULT_RETRY_POLICY.maxAttempts - 1, noJitter),
		).toBeUndefined();
		const capped = retryDelay('GET', failure, 3, () => 1, {
			...DEFAULT_RETRY_POLICY,
			maxDelayMs: 1_000,
		});
		expect(capped).toBe(1_000);
	});

	it('spreads parallel clients: different random draws give different delays', () => {
		const failure = { kind: 'status', status: 503 } as const;
		expect(retryDelay('GET', failure, 2, () => 0)).toBe(1_000);
		expect(retryDelay('GET', failure, 2, () => 1)).toBe(2_000);
	});

	it('honours Retry-After, then a spent rate-limit window', () => {
		expect(
			retryDelay('POST', { kind: 'status', status: 429, retryAfterMs: 4_000 }, 0, noJitter),
		).toBe(4_187.5);
		expect(
			retryDelay('POST', { kind: 'status', status: 429, windowWaitMs: 10_000 }, 0, noJitter),
		).toBe(10_187.5);
	});

	it('never retries a POST that may have been processed', () => {
		expect(retryDelay('POST', { kind: 'status', status: 500 }, 0, noJitter)).toBeUndefined();
		expect(
			retryDelay('POST', { kind: 'network', code: 'ECONNRESET' }, 0, noJitter),
		).toBeUndefined();
	});
});
