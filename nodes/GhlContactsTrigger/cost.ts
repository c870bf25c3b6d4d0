/**
 * What polling costs. GHL gives each app (or a location's Private Integrations together) a daily
 * budget per location, 200,000 requests unless its answers report another; every workflow and
 * integration on the location draws on it. A trigger polling around the clock is the one user
 * that never stops, so it reports what it spends and warns when it takes a share others notice.
 */
export const GHL_DAILY_BUDGET = 200_000;

/**
 * Above a tenth of the daily budget the trigger warns: at that rate it alone spends every day
 * what updating each contact of a 20,000-contact location once costs, and a few such triggers
 * leave too little for the workflows the location runs.
 */
export const WARN_SHARE = 0.1;

interface PollTime {
	mode?: string;
	value?: number;
	unit?: string;
}

/**
 * How many polls a day n8n's Poll Times make (n8n turns each entry into a cron schedule: every X
 * minutes is `*\/X` in the minute field, so it restarts each hour). Undefined for a custom cron
 * expression, which the trigger does not count.
 */
export function pollsPerDay(pollTimes: unknown): number | undefined {
	const items = (pollTimes as { item?: PollTime[] } | undefined)?.item ?? [];
	let total = 0;
	for (const { mode, value = 1, unit } of items) {
		const every = Math.max(1, Math.floor(Number(value) || 1));
		if (mode === 'everyMinute') total += 1440;
		else if (mode === 'everyHour') total += 24;
		else if (mode === 'everyDay') total += 1;
		else if (mode === 'everyWeek') total += 1 / 7;
		else if (mode === 'everyMonth') total += 12 / 365;
		else if (mode === 'everyX' && unit === 'minutes') total += 24 * Math.ceil(60 / every);
		else if (mode === 'everyX' && unit === 'hours') total += Math.ceil(24 / every);
		else return undefined;
	}
	return items.length > 0 ? total : undefined;
}

/** What one poll sent, by source. */
export interface PollCost {
	bySource: Array<{ label: string; requests: number }>;
	pollsPerDay?: number;
	dailyBudget: number;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** The cost of a poll like this one, a day at the chosen interval: for the log. */
export function describeCost(cost: PollCost): { message: string; share?: number } {
	const requests = cost.bySource.reduce((sum, source) => sum + source.requests, 0);
	const parts = cost.bySource.map((source) => `${source.label} ${source.requests}`).join(', ');
	const head = `GHL Contacts Trigger: this poll sent ${requests} request${requests === 1 ? '' : 's'} (${parts})`;
	if (cost.pollsPerDay === undefined) {
		return {
			message: `${head}. Its Poll Times use a custom schedule, so the daily cost is not estimated: multiply by the polls a day (GHL's daily budget for the location is ${count(cost.dailyBudget)} requests).`,
		};
	}
	const perDay = requests * cost.pollsPerDay;
	const share = perDay / cost.dailyBudget;
	let message = `${head}. At ${count(cost.pollsPerDay)} polls a day, polls like this cost ${count(perDay)} requests a day, ${(share * 100).toFixed(1)}% of GHL's daily budget of ${count(cost.dailyBudget)} for this location.`;
	if (share >= WARN_SHARE) {
		message += ` That is more than ${WARN_SHARE * 100}%, and every other workflow on the location shares the budget: the GHL Webhook Trigger receives contact and task events as GHL pushes them, for no requests; for tasks, Task Source "Watched Contacts" reads only chosen contacts; or poll less often.`;
	}
	return { message, share };
}
