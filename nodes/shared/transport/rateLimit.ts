/**
 * GHL reports its budget on every response (`X-RateLimit-*`): a burst budget per window and a
 * daily budget, per app (or Private Integration) and location. The pacer remembers the last
 * report per connection and answers how long to wait before the next request, so that a spent
 * burst budget costs a pause instead of a 429, and a spent daily budget stops work at once.
 */
export interface RateLimitReport {
	max: number;
	remaining: number;
	windowMs: number;
	dailyLimit: number;
	dailyRemaining: number;
	/** When the report arrived (pacer clock, ms). */
	observedAt: number;
	/** When a spent burst budget is expected back: the window's end, or what Retry-After said. */
	resumeAt: number;
}

type HeaderBag = Record<string, unknown> | undefined;

function headerNumber(headers: HeaderBag, name: string): number | undefined {
	if (!headers) return undefined;
	const raw = headers[name] ?? headers[name.toLowerCase()];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return raw === undefined || raw === null || raw === '' || Number.isNaN(value) ? undefined : value;
}

export function parseRateLimitHeaders(
	headers: HeaderBag,
	now: number,
): RateLimitReport | undefined {
	const max = headerNumber(headers, 'x-ratelimit-max');
	const remaining = headerNumber(headers, 'x-ratelimit-remaining');
	if (max === undefined || remaining === undefined) return undefined;
	const windowMs = headerNumber(headers, 'x-ratelimit-interval-milliseconds') ?? 10_000;
	return {
		max,
		remaining,
		windowMs,
		dailyLimit: headerNumber(headers, 'x-ratelimit-limit-daily') ?? Infinity,
		dailyRemaining: headerNumber(headers, 'x-ratelimit-daily-remaining') ?? Infinity,
		observedAt: now,
		resumeAt: now + windowMs,
	};
}

/** `Retry-After` in seconds (or an HTTP date), as milliseconds from `now`. */
export function parseRetryAfter(headers: HeaderBag, now: number): number | undefined {
	if (!headers) return undefined;
	const raw = headers['retry-after'] ?? headers['Retry-After'];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = String(Array.isArray(raw) ? raw[0] : raw);
	const seconds = Number(text);
	if (!Number.isNaN(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export class DailyLimitReachedError extends Error {
	constructor(readonly report: RateLimitReport) {
		super(
			`GHL's daily request limit for this location is used up (${report.dailyLimit} requests a day). ` +
				'Requests resume when the daily budget resets; no request was sent.',
		);
	}
}

/** A sent request's place in its connection's sequence, so its report can be read in context. */
export interface Ticket {
	seq: number;
}

export type Reservation = { waitMs: 0; ticket: Ticket } | { waitMs: number; ticket?: undefined };

interface Budget {
	max: number;
	/** Best estimate of what the server still allows in its current window. */
	remaining: number;
	dailyRemaining: number;
	/** A time by which the server's current window has certainly ended. */
	windowEndsAt: number;
	/** Requests handed a ticket so far, and those whose answer has not come back. */
	sent: number;
	inFlight: number;
	/** The newest request (by sequence) whose report was read, and what it reported. */
	newestSeq: number;
	newestRemaining: number;
	last?: RateLimitReport;
}

/**
 * Paces requests to the budget the server reports, shared by every execution in the process.
 * The headers are the truth across processes (other executions, queue-mode workers); local
 * counting only fills the gap until the next report:
 * - a report counts the request it answers and everything that reached the server before it,
 *   so the requests sent after it are subtracted from what it says;
 * - GHL sends no reset time, so a window is taken to end one window length after the first
 *   answer read in it (the server started counting it no later than that answer): perhaps a
 *   little late, never early;
 * - the remaining count rising between answers read in send order means a new window began;
 * - answers to requests sent before a newer one was read, or before a window was assumed to
 *   restart, may belong to an older window and only update nothing but the in-flight count.
 */
export class RateLimitPacer {
	private readonly budgets = new Map<string, Budget>();

	last(key: string): RateLimitReport | undefined {
		return this.budgets.get(key)?.last;
	}

	/** Either how long to wait, or the request is counted against the budget and gets a ticket. */
	reserve(key: string, now: number): Reservation {
		let budget = this.budgets.get(key);
		if (!budget) {
			budget = {
				max: Infinity,
				remaining: Infinity,
				dailyRemaining: Infinity,
				windowEndsAt: Infinity,
				sent: 0,
				inFlight: 0,
				newestSeq: 0,
				newestRemaining: -1,
			};
			this.budgets.set(key, budget);
		}
		if (budget.last && budget.dailyRemaining <= 0) throw new DailyLimitReachedError(budget.last);
		if (budget.remaining <= 0) {
			if (now < budget.windowEndsAt) return { waitMs: budget.windowEndsAt - now };
			// A new window has begun; requests still on their way may land in it.
			budget.remaining = budget.max - budget.inFlight;
			budget.windowEndsAt = Infinity;
			budget.newestSeq = budget.sent;
			budget.newestRemaining = -1;
		}
		budget.remaining -= 1;
		budget.dailyRemaining -= 1;
		budget.sent += 1;
		budget.inFlight += 1;
		return { waitMs: 0, ticket: { seq: budget.sent } };
	}

	/** Settles the request holding `ticket`, reading its report (undefined: no headers came back). */
	observe(key: string, ticket: Ticket, report: RateLimitReport | undefined): void {
		const budget = this.budgets.get(key);
		if (!budget) return;
		budget.inFlight = Math.max(0, budget.inFlight - 1);
		if (!report || ticket.seq <= budget.newestSeq) return;
		const sentSince = budget.sent - ticket.seq;
		const newWindow = report.remaining > budget.newestRemaining;
		budget.windowEndsAt = newWindow
			? report.resumeAt
			: Math.min(budget.windowEndsAt, report.resumeAt);
		budget.newestSeq = ticket.seq;
		budget.newestRemaining = report.remaining;
		budget.max = report.max;
		budget.remaining = report.remaining - sentSince;
		budget.dailyRemaining = report.dailyRemaining - sentSince;
		budget.last = report;
	}
}
