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

/**
 * How long a spent daily budget is taken to stay spent before one request asks again. GHL
 * documents no reset time, so the pacer probes: one request every quarter hour at most, whose
 * answer (its headers) says whether the budget is back.
 */
export const DAILY_PROBE_AFTER_MS = 15 * 60_000;

export class DailyLimitReachedError extends Error {
	constructor(
		readonly report: RateLimitReport,
		probeAt = report.observedAt + DAILY_PROBE_AFTER_MS,
	) {
		super(
			`GHL's daily request limit for this location is used up (${report.dailyLimit} requests a day). ` +
				`No request was sent; the node asks GHL again from ${new Date(probeAt).toISOString()}, and requests resume once its answer shows the budget is back.`,
		);
	}
}

/**
 * What the pacer knew when it let a request go, so that request's report can be read in context:
 * when, the window it was counted in, the lowest remaining read in that window by then, and how
 * many reports had been read (the requests they answered reached the server before this one).
 */
export interface Ticket {
	sentAt: number;
	window: number;
	knownRemaining?: number;
	/** When the report that said `knownRemaining` was read. */
	knownAt?: number;
	reportsBefore: number;
}

export type Reservation = { waitMs: 0; ticket: Ticket } | { waitMs: number; ticket?: undefined };

/**
 * What other consumers of the budget (another n8n worker with the same token and location) were
 * seen to spend in one window, counted between two reports of it, `above` (counted first) and
 * `below`.
 */
interface Others {
	/** The most requests of theirs proven between two reports: above 0, someone else is there. */
	proven: number;
	/**
	 * The same, between the report a request went on and that request, when no other request of
	 * this process was in flight by its answer: then it is what others spent in that round trip.
	 */
	perLoneTrip: number;
	/**
	 * Between the report a request went on and that request, less only this process's answered
	 * requests: a generous count of what others send in one round trip at full speed.
	 */
	perTrip: number;
}

/** A report read: what it said was left, and its place among the reports read. */
interface Seen {
	remaining: number;
	read: number;
}

interface Budget {
	max: number;
	/** Best estimate of what the server still allows in its current window. */
	remaining: number;
	dailyRemaining: number;
	/** While the daily budget is spent: when one request may go to see whether it is back. */
	dailyProbeAt?: number;
	/** A time by which the server's current window has certainly ended. */
	windowEndsAt: number;
	/** The window the pacer counts in, numbered; a new one begins when a report or the clock says. */
	window: number;
	/** Of the reports read in this window, the one whose request the server counted last. */
	latest?: { report: RateLimitReport; reportsBefore: number; read: number };
	/** This window's reports that a request still in flight may yet show to be from an older one. */
	seen: Seen[];
	/** Answers that may have reached the server in this window after `latest`'s request. */
	strays: Seen[];
	/** How many answers read in this window reported each count left: this process's share. */
	answered: Map<number, number>;
	/**
	 * Answers without a report, read in this window and the one before: requests the server may
	 * have counted in this window.
	 */
	unreported: [number, number];
	/** The highest report read in this window. */
	highest?: number;
	/** Other consumers of this budget, as seen in this window and in the one before. */
	others: Others;
	othersBefore: Others;
	/** Requests let go whose answer has not come back. */
	inFlight: number;
	/** The same, counted by how many reports had been read when each was let go (oldest first). */
	inFlightSince: Map<number, number>;
	reportsRead: number;
	/** From letting a request go to reading its answer, last measured. */
	roundTripMs?: number;
	last?: RateLimitReport;
}

/**
 * Paces requests to the budget the server reports, shared by every execution in the process.
 * The headers are the truth across processes (other executions, queue-mode workers); local
 * counting only fills the gap until the next report:
 * - requests reach the server in an order of their own, not the order they were let go in (n8n
 *   loads and signs the credential for each request on the way), so a report counts the request
 *   it answers and whatever reached the server before it, and nothing of the requests still in
 *   flight, earlier or later: the lowest report of the window (the request the server counted
 *   last among those answered) less every request in flight is what is left;
 * - GHL sends no reset time, so a window is taken to end one window length after the first
 *   answer read in it (the server started counting it no later than that answer): perhaps a
 *   little late, never early;
 * - a report above the lowest one read before its request was let go means a new window began
 *   (those requests reached the server before it); a higher report without that is only an
 *   earlier arrival answered late;
 * - an answer that cannot be placed in a window (its request was let go before the current
 *   window began and shows nothing newer, or it was read while the request that showed the new
 *   window was on its way) may have reached the server in the current window after the lowest
 *   report: it is held as one request not yet shown, until a report that must include it is read;
 * - a request held back only for requests in flight that the lowest report may already count (they
 *   were let go before it was read) is asked to check again after a round trip, when their answers
 *   may have shown it; otherwise it waits for the window to end;
 * - another process spending the same budget shows as counts the window fell by that this
 *   process's own requests cannot explain; once it is seen, the last requests of the window go one
 *   at a time and a few stay unused (`holdBack`), so that both do not spend the same last slots.
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
				window: 0,
				seen: [],
				strays: [],
				answered: new Map(),
				unreported: [0, 0],
				others: noOthers(),
				othersBefore: noOthers(),
				inFlight: 0,
				inFlightSince: new Map(),
				reportsRead: 0,
			};
			this.budgets.set(key, budget);
		}
		if (budget.last && budget.dailyRemaining <= 0) {
			budget.dailyProbeAt ??= budget.last.observedAt + DAILY_PROBE_AFTER_MS;
			if (now < budget.dailyProbeAt) {
				throw new DailyLimitReachedError(budget.last, budget.dailyProbeAt);
			}
			// This request is the probe; the rest wait for its answer, or for the next probe.
			budget.dailyProbeAt = now + DAILY_PROBE_AFTER_MS;
			budget.dailyRemaining = 1;
		}
		const { reserve, singleFileBelow } = holdBack(budget);
		const singleFile = budget.remaining <= singleFileBelow && budget.inFlight > 0;
		if (budget.remaining <= reserve || singleFile) {
			if (now < budget.windowEndsAt) {
				// A window assumed to have begun has no known end until its first answer is read.
				const windowWait = Number.isFinite(budget.windowEndsAt)
					? budget.windowEndsAt - now
					: Math.max(1, budget.roundTripMs ?? 1);
				const recheck =
					budget.remaining > reserve
						? Math.max(1, budget.roundTripMs ?? 1)
						: recheckAfter(budget, reserve);
				return { waitMs: Math.min(windowWait, recheck) };
			}
			// A new window has begun; requests still on their way may land in it.
			startWindow(budget, Infinity);
			budget.remaining = budget.max - budget.inFlight;
		}
		budget.remaining -= 1;
		budget.dailyRemaining -= 1;
		budget.inFlight += 1;
		const since = budget.reportsRead;
		budget.inFlightSince.set(since, (budget.inFlightSince.get(since) ?? 0) + 1);
		return {
			waitMs: 0,
			ticket: {
				sentAt: now,
				window: budget.window,
				knownRemaining: budget.latest?.report.remaining,
				knownAt: budget.latest?.report.observedAt,
				reportsBefore: since,
			},
		};
	}

	/** Settles the request holding `ticket`, reading its report (undefined: no headers came back). */
	observe(key: string, ticket: Ticket, report: RateLimitReport | undefined): void {
		const budget = this.budgets.get(key);
		if (!budget) return;
		budget.inFlight = Math.max(0, budget.inFlight - 1);
		if (!report) budget.unreported[0] += 1;
		const sameSince = (budget.inFlightSince.get(ticket.reportsBefore) ?? 0) - 1;
		if (sameSince > 0) budget.inFlightSince.set(ticket.reportsBefore, sameSince);
		else budget.inFlightSince.delete(ticket.reportsBefore);
		if (report) {
			budget.roundTripMs = Math.max(0, report.observedAt - ticket.sentAt);
			readReport(budget, ticket, report);
		}
		// Only a request still in flight can show these reports to be from an older window.
		const oldest = budget.inFlightSince.keys().next();
		budget.seen = oldest.done ? [] : budget.seen.filter((seen) => seen.read > oldest.value);
	}
}

function readReport(budget: Budget, ticket: Ticket, report: RateLimitReport): void {
	budget.reportsRead += 1;
	const seen = { remaining: report.remaining, read: budget.reportsRead };
	const reachedNewerWindow =
		ticket.knownRemaining !== undefined && report.remaining > ticket.knownRemaining;
	const placed = ticket.window === budget.window || reachedNewerWindow;
	if (ticket.window === budget.window && reachedNewerWindow) {
		const earlier = budget.seen;
		startWindow(budget, report.resumeAt);
		budget.strays = earlier;
		for (const stray of earlier) countAnswer(budget, stray.remaining);
	} else if (placed) {
		budget.windowEndsAt = Math.min(budget.windowEndsAt, report.resumeAt);
	}
	countAnswer(budget, report.remaining);
	if (placed) {
		budget.seen.push(seen);
		const lowest = budget.latest?.report.remaining;
		if (lowest !== undefined && report.remaining < lowest) {
			noteOthers(budget, ticket, report);
		}
		budget.highest = Math.max(budget.highest ?? -Infinity, report.remaining);
		if (lowest === undefined || report.remaining <= lowest) {
			budget.latest = { report, reportsBefore: ticket.reportsBefore, read: seen.read };
		}
	} else {
		budget.strays.push(seen);
	}
	if (budget.latest) settle(budget, budget.latest);
	// Whatever window it came from, a spent daily budget stops work at once.
	const dailyRemaining = report.dailyRemaining - budget.inFlight - budget.strays.length;
	if (dailyRemaining < budget.dailyRemaining) {
		budget.dailyRemaining = dailyRemaining;
		budget.last = report;
	}
}

/** Re-reads the budget from the window's lowest report, less what it cannot show yet. */
function settle(budget: Budget, latest: NonNullable<Budget['latest']>): void {
	// A stray is in `latest` if it was read before `latest`'s request was let go, and cannot be
	// after it in the same window if it reported as much or more.
	budget.strays = budget.strays.filter(
		(stray) => stray.read > latest.reportsBefore && stray.remaining < latest.report.remaining,
	);
	const unseen = budget.inFlight + budget.strays.length;
	budget.max = latest.report.max;
	budget.remaining = latest.report.remaining - unseen;
	budget.dailyRemaining = latest.report.dailyRemaining - unseen;
	budget.last = latest.report;
	if (budget.dailyRemaining > 0) budget.dailyProbeAt = undefined;
}

/** How soon a held request should check again: once a round trip, if answers may free budget. */
function recheckAfter(budget: Budget, reserve: number): number {
	const { latest, roundTripMs } = budget;
	if (!latest || roundTripMs === undefined) return Infinity;
	let maybeCounted = 0;
	for (const [reportsBefore, count] of budget.inFlightSince) {
		if (reportsBefore >= latest.read) break;
		maybeCounted += count;
	}
	return budget.remaining + maybeCounted > reserve ? Math.max(1, roundTripMs) : Infinity;
}

function startWindow(budget: Budget, endsAt: number): void {
	budget.window += 1;
	budget.latest = undefined;
	budget.seen = [];
	budget.strays = [];
	budget.answered = new Map();
	budget.unreported = [0, budget.unreported[0]];
	budget.highest = undefined;
	budget.othersBefore = budget.others;
	budget.others = noOthers();
	budget.windowEndsAt = endsAt;
}

function noOthers(): Others {
	return { proven: 0, perLoneTrip: 0, perTrip: 0 };
}

function countAnswer(budget: Budget, remaining: number): void {
	budget.answered.set(remaining, (budget.answered.get(remaining) ?? 0) + 1);
}

/**
 * Reads what others spent from a new lowest report of the window. The server counted
 * `above - below` requests after a higher report's request, up to this one; of this process's
 * requests it can have counted among them at most those whose answers reported a count in that
 * range (this one included), those without a report and every one still in flight. What is left
 * is a floor on the requests of others: a process alone never sees more than 0, whatever order
 * its requests reached the server in. Counted from the report this request went on, it is what
 * others sent while this process waited and the request travelled: scaled to one round trip.
 */
function noteOthers(budget: Budget, ticket: Ticket, report: RateLimitReport): void {
	const below = report.remaining;
	const notOurs = (above: number) => {
		let ours = budget.unreported[0] + budget.unreported[1];
		for (const [remaining, count] of budget.answered) {
			if (remaining >= below && remaining < above) ours += count;
		}
		return above - below - ours;
	};
	const { others } = budget;
	if (budget.highest !== undefined && budget.highest > below) {
		others.proven = Math.max(others.proven, notOurs(budget.highest) - budget.inFlight);
	}
	const { knownRemaining, knownAt } = ticket;
	if (ticket.window !== budget.window || knownRemaining === undefined || knownAt === undefined) {
		return;
	}
	if (knownRemaining <= below) return;
	const sent = notOurs(knownRemaining);
	others.proven = Math.max(others.proven, sent - budget.inFlight);
	const share = (report.observedAt - ticket.sentAt) / Math.max(1, report.observedAt - knownAt);
	const perTrip = Math.ceil(Math.max(0, sent) * Math.min(1, share));
	others.perTrip = Math.max(others.perTrip, perTrip);
	if (budget.inFlight === 0) others.perLoneTrip = Math.max(others.perLoneTrip, perTrip);
}

/**
 * What to keep back for other consumers of the budget (n8n workers in queue mode share no memory,
 * only the server's count). Nothing while none is seen, in this window or the one before: a
 * process alone goes exactly as fast as without them. Once one is seen, the lowest report misses
 * what the others have on its way and send meanwhile, so near the end of the window:
 * - at `singleFileBelow` left or less, one request at a time: each goes on the answer of the one
 *   before, so it misses only what others send in one round trip, and that answer shows exactly
 *   how many that was. The margin is twice the others' full-speed round trip: the report the last
 *   free request went on is a round trip old when it lands, and they too go on at full speed for
 *   up to a round trip. Spacing costs time, not requests: the budget of a shared window is spent
 *   long before the window ends, and then everyone waits for it anyway;
 * - at `reserve` left or less, none until the window ends: as many as others were seen to send in
 *   one round trip spaced so, for the last request counts on a report that cannot show theirs yet.
 *   These are what cooperation costs a window: a few requests, not a share of the budget.
 * A consumer that never paces (a script firing bursts) can still overrun the window; the retries
 * of 429s cover that, as before.
 */
function holdBack(budget: Budget): { reserve: number; singleFileBelow: number } {
	const [now, before] = [budget.others, budget.othersBefore];
	if (Math.max(now.proven, before.proven) <= 0) return { reserve: 0, singleFileBelow: 0 };
	const reserve = Math.max(now.perLoneTrip, before.perLoneTrip);
	return { reserve, singleFileBelow: reserve + 2 * Math.max(now.perTrip, before.perTrip) };
}
