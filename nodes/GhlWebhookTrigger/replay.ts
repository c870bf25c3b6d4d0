import type { IDataObject } from 'n8n-workflow';

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

	/** Records `webhookId` and forgets what the window and the bound allow. */
	add(webhookId: string, now: number, toleranceMs: number): void {
		const kept = Object.entries({ ...this.seen, [webhookId]: now })
			.filter(([, seenAt]) => now - seenAt <= 2 * toleranceMs)
			.sort((a, b) => a[1] - b[1])
			.slice(-MAX_SEEN_IDS);
		// A new object rather than edits in place, so n8n sees the static data changed and saves it.
		this.staticData.seenWebhookIds = Object.fromEntries(kept);
	}
}
