import type { IDataObject } from 'n8n-workflow';

/** The date fields search can sort by and filter with `range`: the ones a read can be cut by. */
type DateField = 'dateAdded' | 'dateUpdated';

/** A search order by a date field. */
export interface Order {
	field: DateField;
	descending: boolean;
}

/**
 * A part of a read, in positions along the order (see `positionOf`): from inclusive, to
 * exclusive, either end open. `undated` is the part of contacts without the field, which GHL
 * sorts last in either direction and no range matches.
 */
export interface SliceRange {
	from?: number;
	to?: number;
	undated?: boolean;
}

/** Where a contact stands along the order: its field in epoch ms, negated when descending. */
export function positionOf(order: Order, contact: IDataObject): number | undefined {
	const ms = Date.parse(String(contact[order.field] ?? ''));
	if (Number.isNaN(ms)) return undefined;
	return order.descending ? -ms : ms;
}

/**
 * The order a search reads in, when it is by one date field (no sort is GHL's default, newest
 * first), and only when the page GHL sent keeps to it: a read is cut by that field only where
 * the server is seen to sort by it.
 */
export function orderOf(sort: unknown, page: IDataObject[]): Order | undefined {
	const sorts = Array.isArray(sort) ? (sort as IDataObject[]) : [];
	if (sorts.length > 1) return undefined;
	const field = sorts[0]?.field ?? 'dateAdded';
	if (field !== 'dateAdded' && field !== 'dateUpdated') return undefined;
	const order: Order = { field, descending: (sorts[0]?.direction ?? 'desc') === 'desc' };
	let previous = Number.NEGATIVE_INFINITY;
	for (const contact of page) {
		const position = positionOf(order, contact);
		if (position === undefined || position < previous) return undefined;
		previous = position;
	}
	return order;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The filter that keeps a search to one part (none for a part without ends). */
export function sliceFilter(order: Order, range: SliceRange): IDataObject | undefined {
	const { field } = order;
	if (range.undated) return { field, operator: 'not_exists' };
	const value: IDataObject = {};
	// Descending, positions are negated times: [from, to) is the time range (-to, -from].
	if (order.descending) {
		if (range.to !== undefined) value.gt = iso(-range.to);
		if (range.from !== undefined) value.lte = iso(-range.from);
	} else {
		if (range.from !== undefined) value.gte = iso(range.from);
		if (range.to !== undefined) value.lt = iso(range.to);
	}
	return Object.keys(value).length > 0 ? { field, operator: 'range', value } : undefined;
}

/**
 * Where to cut the positions after `last` up to `end` (exclusive) into `parts` of equal width:
 * the starts of every part but the first, each a whole millisecond. Contacts sharing one
 * millisecond are never cut apart (searchAfter orders them within a part).
 */
export function splitPoints(last: number, end: number, parts: number): number[] {
	const points: number[] = [];
	for (let i = 1; i < parts; i++) {
		const point = last + Math.ceil((i * (end - last)) / parts);
		if (point > last && point < end && point > (points[points.length - 1] ?? last)) {
			points.push(point);
		}
	}
	return points;
}
