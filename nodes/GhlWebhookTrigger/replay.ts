import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

/**
 * A safety net, not the bound: the record keeps every id delivered within the replay window
 * (twice the timestamp tolerance, for clocks on either side), however many; only a burst of more
 * than this many deliveries inside one window makes it forget the oldest of them early.
 */
export const MAX_SEEN_IDS = 100_000;

/** How often, at most, ids past the window are removed from n8n's processed-data store. */
const PRUNE_EVERY_MS = 60_000;

export type TimestampCheck = 'ok' | 'missing' | 'stale';

/** Whether `timestamp` (ISO) lies within `toleranceMs` of `now`, either way. */
export function checkTimestamp(
	timestamp: unknown,
	now: number,
	toleranceMs: number,
): TimestampCheck {
	const at = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
	if (Number.isNaN(at)) return 'missing';
	return Math.abs(now - at) <= toleranceMs ? 'ok' : 'stale';
}

/** How long a delivered id must be remembered: its replay is refused as stale after that. */
const replayWindowMs = (toleranceMs: number) => 2 * toleranceMs;

/**
 * The `webhookId`s already delivered, kept in the workflow's static data as `{id: seenAt}`, for
 * the replay window: a replay of an older id carries a stale timestamp and is refused anyway.
 */
export class SeenDeliveries {
	constructor(private readonly staticData: IDataObject) {}

	private get seen(): Record<string, number> {
		return (this.staticData.seenWebhookIds as Record<string, number> | undefined) ?? {};
	}

	has(webhookId: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.seen, webhookId);
	}

	/**
	 * Records `webhookIds`; when a pruning is due, forgets the ids past the window and returns
	 * them, so that the processed-data store can forget them too.
	 */
	add(webhookIds: string[], now: number, windowMs: number): string[] {
		// A new object rather than edits in place, so n8n sees the static data changed and saves it.
		const seen = { ...this.seen };
		for (const id of webhookIds) seen[id] = now;
		let expired: string[] = [];
		if (now - Number(this.staticData.seenPrunedAt ?? 0) >= PRUNE_EVERY_MS) {
			expired = Object.keys(seen).filter((id) => now - seen[id] > windowMs);
			for (const id of expired) delete seen[id];
			this.staticData.seenPrunedAt = now;
		}
		const ids = Object.keys(seen);
		if (ids.length > MAX_SEEN_IDS) {
			ids.sort((x, y) => seen[x] - seen[y]);
			for (const id of ids.slice(0, ids.length - MAX_SEEN_IDS)) delete seen[id];
		}
		this.staticData.seenWebhookIds = seen;
		return expired;
	}
}

/**
 * Operations on one trigger's record run one at a time in this process: n8n's processed-data
 * store reads the record and then writes it back whole, so two at once would drop each other's
 * changes. Across processes nothing serializes them; see `firstDeliveries`.
 */
const operating = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, operation: () => Promise<T>): Promise<T> {
	const before = operating.get(key) ?? Promise.resolve();
	const mine = before.catch(() => undefined).then(operation);
	operating.set(key, mine);
	try {
		return await mine;
	} finally {
		if (operating.get(key) === mine) operating.delete(key);
	}
}

/** The first record of a new trigger is an insert: two at once collide on the table's key. */
const isKeyCollision = (error: unknown) =>
	/duplicate key|unique constraint|SQLITE_CONSTRAINT|ER_DUP_ENTRY/i.test(
		String((error as Error | undefined)?.message ?? ''),
	);

const storeFailure = (ctx: IExecuteFunctions, error: unknown) =>
	new NodeOperationError(ctx.getNode(), error as Error, {
		description:
			"n8n's processed-data store could not record this delivery, so it was not run. GHL already got its 200 and does not send it again: retry this execution from n8n's execution list once the database answers.",
	});

/** Records `values`; the ones the record did not hold yet. */
async function record(ctx: IExecuteFunctions, values: string[]): Promise<Set<string>> {
	const options = { mode: 'entries' as const, maxEntries: MAX_SEEN_IDS };
	for (let attempt = 1; ; attempt++) {
		try {
			const { new: added } = await ctx.helpers.checkProcessedAndRecord(values, 'node', options);
			return new Set(added.map(String));
		} catch (error) {
			// The collision wrote nothing; the record the other check inserted now exists.
			if (attempt < 3 && isKeyCollision(error)) continue;
			throw storeFailure(ctx, error);
		}
	}
}

async function forget(ctx: IExecuteFunctions, values: string[]): Promise<void> {
	try {
		await ctx.helpers.removeProcessed(values, 'node', { mode: 'entries' });
	} catch (error) {
		throw storeFailure(ctx, error);
	}
}

/**
 * How long a claim stands before it is checked: longer than any n8n process takes from reading
 * the record to writing it back (one database round trip, milliseconds; seconds only with the
 * database or the process badly overloaded). A setting so that the test harness can shorten it.
 */
export const claimSettings = { standMs: 1_000 };

/**
 * Claims this process released lately, per trigger, forgotten again with each release: another
 * process's write that read the record before a release puts that claim back, where it would
 * stay (harmless, never an id, but taking room in the record).
 */
const released = new Map<string, string[]>();
const RELEASED_KEPT = 50;

/** Checks of a claim before the execution gives up (each after the claim stood again). */
const CLAIM_CHECKS = 4;

/**
 * Claims `webhookIds` for this execution: the ones it gets to run.
 *
 * n8n's store gives no lock, so the claim is a value of this execution's own, recorded together
 * with the ids in one write. Two processes that record the same id at the same moment both find
 * it new, but only the later write stays: after the claim has stood longer than any read-to-write
 * takes, the execution whose claim is still recorded owns the ids it was written with, and one
 * whose claim is gone while an id is there lost that id to the other's claim. An id gone too was
 * overwritten by an unrelated write; the check has recorded it again with the claim, which then
 * stands once more. A write later than `standMs` after its read defeats this (see README).
 */
async function claim(
	ctx: IExecuteFunctions,
	key: string,
	token: string,
	webhookIds: string[],
): Promise<Set<string>> {
	const step = async (ids: Iterable<string>) => {
		const added = await oneAtATime(key, async () => await record(ctx, [token, ...ids]));
		return { stands: !added.has(token), added };
	};
	let pending = (await step(webhookIds)).added;
	pending.delete(token);
	for (let check = 0; pending.size > 0; check++) {
		if (check === CLAIM_CHECKS) {
			// Unclaimed again, so that a retry of this execution finds them new.
			await oneAtATime(key, async () => await forget(ctx, [...pending]));
			throw new NodeOperationError(
				ctx.getNode(),
				`Other writes to n8n's processed-data store kept overwriting this delivery's record (${CLAIM_CHECKS} times), so it was not run`,
				{ description: 'Retry the execution: the record is checked again first.' },
			);
		}
		await sleep(claimSettings.standMs);
		const { stands, added } = await step(pending);
		if (stands) return pending;
		pending = new Set([...pending].filter((id) => added.has(id)));
	}
	return pending;
}

/**
 * Which of `webhookIds` this execution is the first to carry, recorded for good.
 *
 * n8n does not save static data a webhook writes when that delivery starts an execution, so the
 * receiving side alone cannot remember an id. Inside the execution both records are durable:
 * n8n's processed-data store is written at once, and catches a retry that arrives while the
 * first delivery still runs, in any process (`claim`); static data is saved when the execution
 * ends, and lets later retries be answered without starting an execution at all. Both forget ids
 * past the window.
 */
export async function firstDeliveries(
	ctx: IExecuteFunctions,
	webhookIds: string[],
	toleranceMs: number,
): Promise<Set<string>> {
	if (webhookIds.length === 0) return new Set();
	const key = `${ctx.getWorkflow().id}:${ctx.getNode().id}`;
	const token = `claim:${ctx.getExecutionId()}:${Math.random().toString(36).slice(2)}`;
	let expired: string[] = [];
	try {
		const first = await claim(ctx, key, token, webhookIds);
		const seen = new SeenDeliveries(ctx.getWorkflowStaticData('node'));
		expired = seen.add(webhookIds, Date.now(), replayWindowMs(toleranceMs));
		return first;
	} finally {
		// The claim has served once the ids are settled; no later check looks for it.
		const again = released.get(key) ?? [];
		await oneAtATime(key, async () => await forget(ctx, [token, ...again, ...expired]));
		released.set(key, [token, ...again].slice(0, RELEASED_KEPT));
	}
}
