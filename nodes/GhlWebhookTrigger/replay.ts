import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
 * Checks of one trigger's record run one at a time in this process: n8n's processed-data store
 * reads the record and then writes it back, so two checks of the same id in between both pass.
 */
const checking = new Map<string, Promise<unknown>>();

async function oneAtATime<T>(key: string, check: () => Promise<T>): Promise<T> {
	const before = checking.get(key) ?? Promise.resolve();
	const mine = before.catch(() => undefined).then(check);
	checking.set(key, mine);
	try {
		return await mine;
	} finally {
		if (checking.get(key) === mine) checking.delete(key);
	}
}

/** The first record of a new trigger is an insert: two at once collide on the table's key. */
const isKeyCollision = (error: unknown) =>
	/duplicate key|unique constraint|SQLITE_CONSTRAINT|ER_DUP_ENTRY/i.test(
		String((error as Error | undefined)?.message ?? ''),
	);

async function checkAndRecord(ctx: IExecuteFunctions, webhookIds: string[]): Promise<string[]> {
	const options = { mode: 'entries' as const, maxEntries: MAX_SEEN_IDS };
	for (let attempt = 1; ; attempt++) {
		try {
			const { new: first } = await ctx.helpers.checkProcessedAndRecord(webhookIds, 'node', options);
			return first.map(String);
		} catch (error) {
			// The collision wrote nothing; the record the other check inserted now exists.
			if (attempt < 3 && isKeyCollision(error)) continue;
			throw new NodeOperationError(ctx.getNode(), error as Error, {
				description:
					"n8n's processed-data store could not record this delivery, so it was not run: GHL retries it.",
			});
		}
	}
}

/**
 * Which of `webhookIds` this execution is the first to carry, recorded for good.
 *
 * n8n does not save static data a webhook writes when that delivery starts an execution, so the
 * receiving side alone cannot remember an id. Inside the execution both records are durable:
 * n8n's processed-data store is written at once, and catches a retry that arrives while the
 * first delivery still runs; static data is saved when the execution ends, and lets later
 * retries be answered without starting an execution at all. Both forget ids past the window.
 */
export async function firstDeliveries(
	ctx: IExecuteFunctions,
	webhookIds: string[],
	toleranceMs: number,
): Promise<Set<string>> {
	if (webhookIds.length === 0) return new Set();
	const key = `${ctx.getWorkflow().id}:${ctx.getNode().id}`;
	return await oneAtATime(key, async () => {
		const first = await checkAndRecord(ctx, webhookIds);
		const seen = new SeenDeliveries(ctx.getWorkflowStaticData('node'));
		const expired = seen.add(webhookIds, Date.now(), replayWindowMs(toleranceMs));
		if (expired.length > 0) {
			await ctx.helpers.removeProcessed(expired, 'node', { mode: 'entries' });
		}
		return new Set(first);
	});
}
