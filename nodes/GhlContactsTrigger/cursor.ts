/**
 * Where a stream (new contacts by `dateAdded`, changed contacts by `dateUpdated`, a watched
 * contact's notes by `dateAdded`) stands, in the server's own timestamps, and which records near
 * that point were already handled.
 *
 * The search index lags, so a record can become visible after others with a later timestamp
 * were already read. Every poll therefore re-reads an overlap window below the cursor and drops
 * what the dedup record holds. The record keeps every handled (key, timestamp) pair inside the
 * window, grouped by timestamp, so that many records sharing one millisecond are all told apart.
 * A key is a record's id, or for changed contacts its id and a fingerprint of its content, so
 * that a second change stamped in the same millisecond is a new key.
 */
export interface StreamCursor {
	/** Newest server timestamp handled (epoch ms); null while the stream has seen nothing. */
	at: number | null;
	/** Handled keys by timestamp (epoch ms as the key), from the window start up. */
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
 * The cursor after a read that handled `handled` (and reached `readUpTo`, when it read more than
 * it records). It moves forward only, to the newest timestamp read but never past `nowMs` (a contact dated in the future would otherwise put the window above every
 * contact created meanwhile), and keeps every handled key from the window start up: later ones
 * too, until the cursor passes them. The record is bounded by time, not by count; `cap` is only
 * a safety net for bursts far beyond GHL's rate limit: past it, whole older timestamp groups are
 * dropped and the floor raised above them, so that nothing dropped can be read (and emitted)
 * again. The group at the cursor is always kept whole.
 */
export function advance(
	cursor: StreamCursor,
	handled: StreamItem[],
	overlapMs: number,
	cap: number,
	nowMs: number,
	readUpTo = Number.NEGATIVE_INFINITY,
): StreamCursor {
	let newest = readUpTo;
	for (const item of handled) newest = Math.max(newest, item.at);
	if (cursor.at === null && newest === Number.NEGATIVE_INFINITY) return cursor;
	const at = Math.max(cursor.at ?? Number.NEGATIVE_INFINITY, Math.min(newest, nowMs));
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
		if (ts < at && count + ids.length > cap) {
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
