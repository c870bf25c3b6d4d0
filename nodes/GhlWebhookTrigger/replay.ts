import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** How many delivered ids the node remembers at most (oldest forgotten first). */
export const MAX_SEEN_IDS = 1000;

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

/**
 * The `webhookId`s already delivered, kept in the workflow's static data as `{id: seenAt}`.
 * An id older than the tolerance window can be forgotten: its delivery's timestamp is stale by
 * then, so a replay of it is refused anyway.
 */
export class SeenDeliveries {
	constructor(private readonly staticData: IDataObject) {}

	private get seen(): Record<string, number> {
		return (this.staticData.seenWebhookIds as Record<string, number> | undefined) ?? {};
	}

	has(webhookId: string): boolean {
		return Object.prototype.hasOwnProperty.call(this.seen, webhookId);
	}

	/** Records `webhookIds` and forgets what the window and the bound allow. */
	add(webhookIds: string[], now: number, toleranceMs: number): void {
		const added = Object.fromEntries(webhookIds.map((id) => [id, now]));
		const kept = Object.entries({ ...this.seen, ...added })
			.filter(([, seenAt]) => now - seenAt <= 2 * toleranceMs)
			.sort((a, b) => a[1] - b[1])
			.slice(-MAX_SEEN_IDS);
		// A new object rather than edits in place, so n8n sees the static data changed and saves it.
		this.staticData.seenWebhookIds = Object.fromEntries(kept);
	}
}

/**
 * Which of `webhookIds` this execution is the first to carry, recorded for good.
 *
 * n8n does not save static data a webhook writes when that delivery starts an execution, so the
 * receiving side alone cannot remember an id. Inside the execution both records are durable:
 * n8n's processed-data store is written at once, and catches a retry that arrives while the
 * first delivery still runs; static data is saved when the execution ends, and lets later
 * retries be answered without starting an execution at all.
 */
export async function firstDeliveries(
	ctx: IExecuteFunctions,
	webhookIds: string[],
	toleranceMs: number,
): Promise<Set<string>> {
	if (webhookIds.length === 0) return new Set();
	const { new: first } = await ctx.helpers.checkProcessedAndRecord(webhookIds, 'node', {
		mode: 'entries',
		maxEntries: MAX_SEEN_IDS,
	});
	new SeenDeliveries(ctx.getWorkflowStaticData('node')).add(webhookIds, Date.now(), toleranceMs);
	return new Set(first.map(String));
}
