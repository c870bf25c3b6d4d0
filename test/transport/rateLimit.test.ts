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

/** Sends at `now` until the pacer holds a request back: how many it let through. */
function sendUntilHeldBack(pacer: RateLimitPacer, now: number): number {
	let sent = 0;
	while (pacer.reserve('k', now).ticket) sent++;
	return sent;
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

	it('subtracts the requests in flight from what a report says, and checks again after a round trip if it may count them already', () => {
		const pacer = new RateLimitPacer();
		const first = send(pacer, 0);
		const others = [send(pacer, 0), send(pacer, 0), send(pacer, 0), send(pacer, 0)];
		// The server had 5 left after the first; the four let go with it are counted as still to come.
		pacer.observe('k', first, report(5, 300));
		send(pacer, 300);
		// They may have reached the server before the first: look again once they can have answered.
		expect(pacer.reserve('k', 300)).toEqual({ waitMs: 300 });
		// They had: each shows more left than the first did.
		others.forEach((ticket, index) => pacer.observe('k', ticket, report(9 - index, 400)));
		expect(sendUntilHeldBack(pacer, 600)).toBe(4);
		expect(pacer.reserve('k', 600)).toEqual({ waitMs: 10_300 - 600 });
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

	it('looks again after a round trip when a new window is spent before its first answer', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(1, 200));
		send(pacer, 300);
		// The window ends at 10,200: a new one, less the request still on its way, is spent at once.
		expect(sendUntilHeldBack(pacer, 10_200)).toBe(99);
		// Its end is unknown until one of them answers: look again after a round trip, not never.
		expect(pacer.reserve('k', 10_200)).toEqual({ waitMs: 200 });
	});

	it('holds an answer from before the window restarted as one request the new window may not show yet, and dates the new window by its first answer', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(1, 0));
		const straggler = send(pacer, 50);
		const fresh = send(pacer, 10_000);
		// The straggler's answer may come from the old window or from the new one, after `fresh`.
		pacer.observe('k', straggler, report(0, 10_100));
		pacer.observe('k', fresh, report(99, 10_300));
		expect(sendUntilHeldBack(pacer, 10_400)).toBe(98);
		expect(pacer.reserve('k', 10_400)).toEqual({ waitMs: 10_300 + 10_000 - 10_400 });
	});

	it('stops holding such an answer once a report that must include it is read', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(1, 0));
		const straggler = send(pacer, 50);
		const fresh = send(pacer, 10_000);
		pacer.observe('k', straggler, report(0, 10_100));
		pacer.observe('k', fresh, report(99, 10_300));
		// Let go after the straggler's answer was read, so the server counted the straggler first.
		pacer.observe('k', send(pacer, 10_400), report(98, 10_500));
		expect(sendUntilHeldBack(pacer, 10_600)).toBe(98);
	});

	// Tickets are handed out in order, but each request then waits for n8n to load and sign the
	// credential, so a later request can reach the server before an earlier one.
	it('counts an earlier request that a later one overtook on the way as still to come', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(10, 0));
		send(pacer, 10);
		const overtaker = send(pacer, 10);
		// The server counted the second request first: 9 left, the first still on its way.
		pacer.observe('k', overtaker, report(9, 50));
		expect(sendUntilHeldBack(pacer, 60)).toBe(8);
	});

	it('does not take an overtaken answer read late for a new window', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(10, 0));
		const overtaken = send(pacer, 10);
		const overtaker = send(pacer, 10);
		// The server counted the third request (9 left), then the second (8 left), and answered
		// the second first: the 9 read afterwards is older news, not a fresh window.
		pacer.observe('k', overtaken, report(8, 50));
		pacer.observe('k', overtaker, report(9, 60));
		expect(sendUntilHeldBack(pacer, 70)).toBe(8);
		expect(pacer.reserve('k', 70)).toEqual({ waitMs: 10_000 - 70 });
	});

	it('counts a request sent before the window restarted that reached the new window', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(1, 0));
		const late = send(pacer, 9_990);
		const fresh = send(pacer, 10_000);
		// The server's new window counted the fresh request first (99 left), then the late one.
		pacer.observe('k', fresh, report(99, 10_100));
		pacer.observe('k', late, report(98, 10_110));
		expect(sendUntilHeldBack(pacer, 10_200)).toBe(98);
	});

	// The server's window turned over before a batch of three arrived, and counted it in order
	// (29, 28 and 27 left). Whichever order the answers come in, 28 and 27 do not prove which window
	// they came from: the pacer counts them as requests the new window may not show yet.
	it.each([
		['in order', [0, 1, 2]],
		['the last first, while the one showing the new window is on its way', [2, 0, 1]],
	])('counts a batch that straddled a new window, answered %s', (_order, answerOrder) => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(28, 0));
		const batch = [send(pacer, 100), send(pacer, 100), send(pacer, 100)];
		answerOrder.forEach((index, read) =>
			pacer.observe('k', batch[index], report(29 - index, 200 + read * 10)),
		);
		expect(sendUntilHeldBack(pacer, 300)).toBe(27);
	});

	it('keeps budgets apart per connection', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(0, 0));
		expect(pacer.reserve('other', 1).ticket).toBeDefined();
		expect(pacer.reserve('k', 1).waitMs).toBeGreaterThan(0);
	});

	it('stops at once when an answer it cannot place in a window says the daily budget is spent', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(1, 0));
		const straggler = send(pacer, 50);
		pacer.observe('k', send(pacer, 10_000), report(99, 10_100, 5));
		pacer.observe('k', straggler, report(0, 10_200, 0));
		expect(() => pacer.reserve('k', 10_300)).toThrow(DailyLimitReachedError);
	});

	it('stops at once when the daily budget is spent', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(50, 0, 0));
		expect(() => pacer.reserve('k', 1)).toThrow(DailyLimitReachedError);
	});
});

/**
 * GHL's fixed window of 100 requests: counts each request as it arrives and answers with what is
 * left, counting the ones beyond the budget (a 429 each).
 */
function fixedWindow() {
	let count = 0;
	return {
		arrive: () => Math.max(0, 100 - ++count),
		refused: () => Math.max(0, count - 100),
	};
}

describe('RateLimitPacer with another process on the same budget', () => {
	it('holds nothing back while alone, whatever order its requests arrive and are answered in', () => {
		const pacer = new RateLimitPacer();
		const server = fixedWindow();
		pacer.observe('k', send(pacer, 0), report(server.arrive(), 0));
		let now = 0;
		for (let round = 0; round < 4; round++) {
			now += 100;
			const tickets = Array.from({ length: 10 }, () => send(pacer, now));
			// The last let go arrives first; the answers come back in yet another order.
			const left = tickets.map(() => server.arrive()).reverse();
			for (const index of [3, 0, 9, 5, 1, 8, 2, 7, 4, 6]) {
				pacer.observe('k', tickets[index], report(left[index], now + 50));
			}
		}
		// All that is left goes: no request is kept back for anyone else.
		expect(sendUntilHeldBack(pacer, now + 100)).toBe(100 - 41);
	});

	it('keeps back what another process sends in one round trip, so the window is not overrun', () => {
		const pacer = new RateLimitPacer();
		const server = fixedWindow();
		let now = 0;
		let reservation = pacer.reserve('k', now);
		while (reservation.ticket) {
			// While this request travels, the other process's two reach the server first.
			server.arrive();
			server.arrive();
			const left = server.arrive();
			now += 100;
			pacer.observe('k', reservation.ticket, report(left, now));
			reservation = pacer.reserve('k', now);
		}
		expect(server.refused()).toBe(0);
		// What is left stays for the other process, until the window that began at t=100 ends.
		expect(reservation.waitMs).toBe(10_100 - now);
	});

	it('lets the last requests of the window go one at a time once another process is seen', () => {
		const pacer = new RateLimitPacer();
		pacer.observe('k', send(pacer, 0), report(30, 0));
		// Two requests of another process were counted during this one's round trip.
		pacer.observe('k', send(pacer, 0), report(27, 100));
		for (let i = 0; i < 21; i++) send(pacer, 100);
		// 6 left after those in flight: no more than the others' two per round trip, twice over,
		// and a reserve of two. One at a time from here, looking again after a round trip.
		expect(pacer.reserve('k', 100)).toEqual({ waitMs: 100 });
	});
});
