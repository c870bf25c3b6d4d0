/**
 * Where a contact stream (new contacts by `dateAdded`, changed contacts by `dateUpdated`) stands,
 * in the server's own timestamps, and which contacts near that point were already handled.
 *
 * The search index lags, so a contact can become searchable after others with a later timestamp
 * were already read. Every poll therefore re-reads an overlap window below the cursor and drops
 * what the dedup record holds. The record keeps every handled (id, timestamp) pair inside the
 * window, grouped by timestamp, so that many contacts sharing one millisecond are all told apart.
 */
export interface StreamCursor {
	/** Newest server timestamp handled (epoch ms); null while the stream has seen nothing. */
	at: number | null;
	/** Handled contact ids by timestamp (epoch ms as the key), for the timestamps in the window. */
	seen: Record<string, string[]>;
	/** Lower bound of the next read when the record had to drop older groups to stay bounded. */
	floor?: number;
}

export interface StreamItem {
	id: string;
	/** The stream's timestamp of the item (epoch ms). */
	at: number;
}

export const emptyCursor = (floor?: number): StreamCursor => ({
	at: null,
	seen: {},
	...(floor === undefined ? {} : { floor }),
});

/** The `gte` bound of the next read, or undefined to read from the beginning. */
export function windowStart(cursor: StreamCursor, overlapMs: number): number | undefined {
	if (cursor.at === null) return cursor.floor;
	return Math.max(cursor.at - overlapMs, cursor.floor ?? Number.NEGATIVE_INFINITY);
}

/** Items read in this poll that the stream has not handled yet, once each, in read order. */
export function unseen(cursor: StreamCursor, overlapMs: number, items: StreamItem[]): StreamItem[] {
	const start = windowStart(cursor, overlapMs);
	const handled = new Set<string>();
	for (const [at, ids] of Object.entries(cursor.seen))
		for (const id of ids) handled.add(`${at}|${id}`);
	const fresh: StreamItem[] = [];
	for (const item of items) {
		const key = `${item.at}|${item.id}`;
		if ((start !== undefined && item.at < start) || handled.has(key)) continue;
		handled.add(key);
		fresh.push(item);
	}
	return fresh;
}

/**
 * The cursor after `handled` items: it moves to the newest timestamp handled, keeps the record for
 * the window below it, and drops whole older timestamp groups past `cap` ids (raising the floor so
 * that nothing dropped can be read, and emitted, again). The group at the cursor is always kept.
 */
export function advance(
	cursor: StreamCursor,
	handled: StreamItem[],
	overlapMs: number,
	cap: number,
): StreamCursor {
	let at = cursor.at;
	for (const item of handled) if (at === null || item.at > at) at = item.at;
	if (at === null) return cursor;
	const groups = new Map<number, string[]>();
	const add = (ts: number, id: string) => {
		const ids = groups.get(ts);
		if (ids) ids.push(id);
		else groups.set(ts, [id]);
	};
	for (const [ts, ids] of Object.entries(cursor.seen)) for (const id of ids) add(Number(ts), id);
	for (const item of handled) add(item.at, item.id);

	let floor = cursor.floor;
	const windowFloor = at - overlapMs;
	const kept = [...groups.entries()]
		.filter(([ts]) => ts >= windowFloor && (floor === undefined || ts >= floor))
		.sort(([a], [b]) => b - a);
	let count = 0;
	const seen: Record<string, string[]> = {};
	for (const [ts, ids] of kept) {
		if (ts !== at && count + ids.length > cap) {
			floor = ts + 1;
			break;
		}
		count += ids.length;
		seen[String(ts)] = ids;
	}
	const next: StreamCursor = { at, seen };
	if (floor !== undefined && floor > windowFloor) next.floor = floor;
	return next;
}
