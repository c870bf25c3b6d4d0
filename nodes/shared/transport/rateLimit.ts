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

export function parseRateLimitHeaders(headers: HeaderBag, now: number): RateLimitReport | undefined {
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

export class RateLimitPacer {
	private readonly reports = new Map<string, RateLimitReport>();

	observe(key: string, report: RateLimitReport | undefined) {
		if (report) this.reports.set(key, report);
	}

	last(key: string): RateLimitReport | undefined {
		return this.reports.get(key);
	}

	/**
	 * Milliseconds to wait before sending on `key` (0: send now). Counts the request against the
	 * remembered budget, so requests sent before the next report do not overrun it.
	 */
	reserve(key: string, now: number): number {
		const report = this.reports.get(key);
		if (!report) return 0;
		if (report.dailyRemaining <= 0) throw new DailyLimitReachedError(report);
		if (report.remaining > 0) {
			report.remaining -= 1;
			report.dailyRemaining -= 1;
			return 0;
		}
		if (now >= report.resumeAt) {
			// A new window has started: assume a full budget until the server says otherwise.
			report.remaining = report.max - 1;
			report.observedAt = now;
			report.resumeAt = now + report.windowMs;
			return 0;
		}
		return report.resumeAt - now;
	}
}
