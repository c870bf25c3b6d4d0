import {
	DailyLimitReachedError,
	parseRateLimitHeaders,
	parseRetryAfter,
	RateLimitPacer,
} from '../../nodes/shared/transport/rateLimit';

const headers = (remaining: number, dailyRemaining = 199_000) => ({
	'x-ratelimit-limit-daily': '200000',
	'x-ratelimit-daily-remaining': String(dailyRemaining),
	'x-ratelimit-interval-milliseconds': '10000',
	'x-ratelimit-max': '100',
	'x-ratelimit-remaining': String(remaining),
});

describe('rate-limit headers', () => {
	it('reads the five X-RateLimit headers', () => {
		expect(parseRateLimitHeaders(headers(42), 1_000)).toEqual({
			max: 100,
			remaining: 42,
			windowMs: 10_000,
			dailyLimit: 200_000,
			dailyRemaining: 199_000,
			observedAt: 1_000,
			resumeAt: 11_000,
		});
	});

	it('ignores responses without them', () => {
		expect(parseRateLimitHeaders({ 'content-type': 'application/json' }, 0)).toBeUndefined();
		expect(parseRateLimitHeaders(undefined, 0)).toBeUndefined();
	});

	it('reads Retry-After in seconds and as a date', () => {
		expect(parseRetryAfter({ 'retry-after': '3' }, 0)).toBe(3_000);
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }, now)).toBe(5_000);
		expect(parseRetryAfter({}, 0)).toBeUndefined();
	});
});

describe('RateLimitPacer', () => {
	it('lets requests through while the window has budget, counting them down', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', parseRateLimitHeaders(headers(2), 0));
		expect(pacer.reserve('k', 10)).toBe(0);
		expect(pacer.reserve('k', 20)).toBe(0);
		// Budget spent: wait for the rest of the window seen at t=0.
		expect(pacer.reserve('k', 30)).toBe(9_970);
	});

	it('starts a fresh budget once the window has passed', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', parseRateLimitHeaders(headers(0), 0));
		expect(pacer.reserve('k', 5_000)).toBe(5_000);
		expect(pacer.reserve('k', 10_000)).toBe(0);
		expect(pacer.last('k')?.remaining).toBe(99);
	});

	it('keeps budgets apart per connection', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('a', parseRateLimitHeaders(headers(0), 0));
		expect(pacer.reserve('b', 1)).toBe(0);
		expect(pacer.reserve('a', 1)).toBeGreaterThan(0);
	});

	it('stops at once when the daily budget is spent', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', parseRateLimitHeaders(headers(50, 0), 0));
		expect(() => pacer.reserve('k', 1)).toThrow(DailyLimitReachedError);
	});
});
