import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SEARCH_STREAMS } from './contactSearch';
import { asNodeError, PageGuard } from './transport';

/** One listing paged by `skip` and `limit`, as a caller describes it. */
export interface OffsetListing {
	node: INode;
	/** What the user calls the operation, for errors. */
	label: string;
	itemIndex?: number;
	/** The most records GHL serves in one page. */
	pageSize: number;
	/** The most records to return; Infinity reads them all. */
	limit: number;
	/** One page; `count` is how many records the whole listing holds, if GHL says. */
	send(skip: number, limit: number): Promise<{ records?: unknown; count?: unknown }>;
	/** What is kept of each record: a page is shaped as it arrives and not held raw. */
	shape(record: IDataObject): IDataObject;
}

/** Reads of the whole listing whose pages did not line up, before the read fails. */
export const OFFSET_READS = 3;

interface Page {
	/** Shaped records, without the one this page shares with the page before. */
	records: IDataObject[];
	/** The records GHL sent, the shared one included, and how many were asked for. */
	size: number;
	asked: number;
	first?: string;
	last?: string;
	count?: number;
}

/** How a record is told apart from another: its id, else all of it. */
function identity(record: IDataObject): string {
	const { id } = record;
	return id === undefined || id === null ? JSON.stringify(record) : `id:${String(id)}`;
}

/**
 * Reads a listing paged by offset, in GHL's order, each record once. A first page that is not
 * full, or holds all GHL counts, ends the read (one request, as before). Beyond it, the pages
 * GHL's count calls for are read at the same time, each overlapping the page before by one
 * record: that record must be the same on both, or a record was added, removed or moved before
 * it between the two requests, which would repeat or lose a record where they join. The read
 * then starts again (everything is read again, since the change may lie before any page), and
 * after OFFSET_READS reads that did not line up it fails. Without a count, pages go one at a time.
 */
export async function readOffsetPages(listing: OffsetListing): Promise<IDataObject[]> {
	const root = new PageGuard(listing.node, listing.label, listing.itemIndex);
	for (let read = 1; ; read++) {
		const pages = await readOnce(listing, read === 1 ? root : root.stream());
		if (pages) {
			const records = pages.flatMap((page) => page.records);
			return records.length > listing.limit ? records.slice(0, listing.limit) : records;
		}
		if (read === OFFSET_READS) {
			throw new NodeOperationError(
				listing.node,
				`${listing.label}: GHL's pages did not line up in ${OFFSET_READS} reads`,
				{
					description:
						"The node reads the pages at once, each overlapping the one before by a record, and each time a page did not begin with the last record of the page before: records were added or removed while they were read, or GHL's paging does not keep its order. Run it again when fewer changes are being made.",
					itemIndex: listing.itemIndex,
				},
			);
		}
	}
}

/** One read of the whole listing: its pages in order, or undefined when two did not line up. */
async function readOnce(listing: OffsetListing, guard: PageGuard): Promise<Page[] | undefined> {
	const { pageSize, limit } = listing;
	// Page k starts at the last record of page k - 1. Only a Limit asks for less than a page:
	// a page that is not full is then the end of what is wanted, not of the listing.
	const skipOf = (k: number) => k * (pageSize - 1);
	const read = async (k: number) =>
		await readPage(listing, guard, k, Math.min(pageSize, limit - skipOf(k)));
	const pages = [await read(0)];
	for (;;) {
		const last = pages[pages.length - 1];
		const counted = Math.max(...pages.map((page) => page.count ?? -1));
		const needed = counted >= 0 ? Math.min(limit, counted) : limit;
		const next = pages.length;
		if (last.size < last.asked || skipOf(next - 1) + last.size >= needed) return pages;
		// The pages the count still calls for (each adds at least one record), all at once;
		// without a count, the next one.
		const more = counted >= 0 ? Math.max(1, Math.ceil((needed - 1) / (pageSize - 1)) - next) : 1;
		guard.ahead(more);
		const arrived = await inParallel(listing, more, async (i) => await read(next + i));
		for (const page of arrived) {
			if (!linesUp(pages[pages.length - 1], page)) return undefined;
			pages.push(page);
		}
	}
}

/**
 * Whether `page` continues `before`: it begins with the record `before` ended on, or, after a
 * page that was not full (the listing's end), it is empty.
 */
function linesUp(before: Page, page: Page): boolean {
	if (before.size < before.asked) return page.size === 0;
	return page.size > 0 && page.first === before.last;
}

async function readPage(
	listing: OffsetListing,
	guard: PageGuard,
	k: number,
	asked: number,
): Promise<Page> {
	const answer = await listing.send(k * (listing.pageSize - 1), asked);
	const shared = k > 0 ? 1 : 0;
	const own = guard.page(answer.records, shared);
	const all = answer.records as IDataObject[];
	return {
		records: own.map(listing.shape),
		size: all.length,
		asked,
		first: shared && all.length > 0 ? identity(all[0]) : undefined,
		last: all.length > 0 ? identity(all[all.length - 1]) : undefined,
		count: typeof answer.count === 'number' ? answer.count : undefined,
	};
}

/** `count` reads at most SEARCH_STREAMS at a time, in order; the first failure stops new ones. */
async function inParallel<T>(
	listing: OffsetListing,
	count: number,
	read: (i: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = [];
	let next = 0;
	let failure: unknown;
	const stream = async () => {
		while (failure === undefined && next < count) {
			const i = next++;
			try {
				results[i] = await read(i);
			} catch (error) {
				failure ??= error;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(SEARCH_STREAMS, count) }, stream));
	if (failure !== undefined) throw asNodeError(listing.node, failure);
	return results;
}
