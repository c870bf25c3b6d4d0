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

/** Sends one request through the pacer: its ticket, or how long it was told to wait. */
function send(pacer: RateLimitPacer, now: number) {
	const reservation = pacer.reserve('k', now);
	if (!reservation.ticket) throw new Error(`told to wait ${reservation.waitMs} ms`);
	return reservation.ticket;
}

const report = (remaining: number, at: number, dailyRemaining?: number) =>
	parseRateLimitHeaders(headers(remaining, dailyRemaining), at);

describe('RateLimitPacer', () => {
	it('lets requests through while the window has budget, counting them down', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(2, 0));
		send(pacer, 10);
		send(pacer, 20);
		// Budget spent: wait for the rest of the window whose first answer came at t=0.
		expect(pacer.reserve('k', 30)).toEqual({ waitMs: 9_970 });
	});

	it('subtracts the requests sent after the one a report answers', () => {
		const pacer = new RateLimitPacer();
		const first = send(pacer, 0);
		for (let i = 0; i < 4; i++) send(pacer, 0);
		// The server had 5 left after the first; the four sent since are still to be counted.
		pacer.observe('k', first, report(5, 300));
		send(pacer, 300);
		expect(pacer.reserve('k', 300)).toEqual({ waitMs: 10_000 });
	});

	it('follows the server when another process spends the same budget', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(90, 0));
		// Locally 89 would be left; the server says someone else took 80 meanwhile.
		pacer.observe('k', send(pacer, 100), report(9, 100));
		for (let i = 0; i < 9; i++) send(pacer, 200);
		expect(pacer.reserve('k', 200).waitMs).toBeGreaterThan(0);
	});

	it('starts a fresh budget once the window has passed, minus requests still in flight', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(1, 0));
		send(pacer, 100);
		expect(pacer.reserve('k', 5_000)).toEqual({ waitMs: 5_000 });
		send(pacer, 10_000);
		// 100 in the new window, less one that may still land in it from the old window.
		for (let i = 0; i < 98; i++) send(pacer, 10_000);
		expect(pacer.reserve('k', 10_000).waitMs).toBeGreaterThan(0);
	});

	it('ignores an answer from before the window restarted, and dates the new window by its first answer', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(1, 0));
		const straggler = send(pacer, 50);
		const fresh = send(pacer, 10_000);
		pacer.observe('k', straggler, report(0, 10_100));
		pacer.observe('k', fresh, report(99, 10_300));
		for (let i = 0; i < 99; i++) send(pacer, 10_400);
		expect(pacer.reserve('k', 10_400)).toEqual({ waitMs: 10_300 + 10_000 - 10_400 });
	});

	it('keeps budgets apart per connection', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(0, 0));
		expect(pacer.reserve('other', 1).ticket).toBeDefined();
		expect(pacer.reserve('k', 1).waitMs).toBeGreaterThan(0);
	});

	it('stops at once when the daily budget is spent', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(50, 0, 0));
		expect(() => pacer.reserve('k', 1)).toThrow(DailyLimitReachedError);
	});
});
