import type { Clock, SandboxOptions, TokenGrant } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RateDecision {
	allowed: boolean;
	/** The five X-RateLimit-* headers (and Retry-After on a refusal, when switched on). */
	headers: Record<string, string>;
}

interface Window {
	start: number;
	count: number;
}

/**
 * GHL's two limits (notes §5.1): a burst of `burst` requests per `windowMs`, and a daily budget.
 * OAuth tokens count per app (client) and location for both. PITs count the burst per token and
 * location, and the daily budget per location, shared by all its PITs.
 *
 * Undocumented, so chosen: the burst window is fixed (it starts with the first request and resets
 * `windowMs` later); the day is the UTC calendar day of the sandbox clock; every authenticated
 * request counts, refused ones included.
 */
export class RateLimiter {
	private bursts = new Map<string, Window>();
	private days = new Map<string, Window>();

	constructor(
		private readonly clock: Clock,
		private readonly options: SandboxOptions,
	) {}

	reset(): void {
		this.bursts.clear();
		this.days.clear();
	}

	/** Counts a request of `grant` and tells whether it may proceed. */
	hit(grant: TokenGrant): RateDecision {
		const { burst, windowMs, daily } = this.options.rateLimit;
		const now = this.clock.now();
		const owner = grant.clientId ? `client:${grant.clientId}` : `pit:${grant.token}`;
		const dailyOwner = grant.clientId ? owner : 'pits';
		const window = this.current(this.bursts, `${owner}|${grant.locationId}`, now, windowMs);
		const dayStart = now - (now % DAY_MS);
		const day = this.current(this.days, `${dailyOwner}|${grant.locationId}`, now, DAY_MS, dayStart);
		const allowed = window.count < burst && day.count < daily;
		window.count++;
		day.count++;
		const headers = rateHeaders(this.options, burst - window.count, daily - day.count);
		if (!allowed && this.options.retryAfter !== false) {
			const resumeAt = day.count > daily ? dayStart + DAY_MS : window.start + windowMs;
			headers['Retry-After'] = String(Math.max(1, Math.ceil((resumeAt - now) / 1000)));
		}
		return { allowed, headers };
	}

	private current(
		windows: Map<string, Window>,
		key: string,
		now: number,
		lengthMs: number,
		alignedStart = now,
	): Window {
		let window = windows.get(key);
		// A clock set backwards also starts a new window.
		if (!window || now >= window.start + lengthMs || now < window.start) {
			window = { start: alignedStart, count: 0 };
			windows.set(key, window);
		}
		return window;
	}
}

/** The five headers GHL sends on every response; full budgets where nobody is counted. */
export function rateHeaders(
	options: SandboxOptions,
	remaining = options.rateLimit.burst,
	dailyRemaining = options.rateLimit.daily,
): Record<string, string> {
	return {
		'X-RateLimit-Limit-Daily': String(options.rateLimit.daily),
		'X-RateLimit-Daily-Remaining': String(Math.max(0, dailyRemaining)),
		'X-RateLimit-Interval-Milliseconds': String(options.rateLimit.windowMs),
		'X-RateLimit-Max': String(options.rateLimit.burst),
		'X-RateLimit-Remaining': String(Math.max(0, remaining)),
	};
}
