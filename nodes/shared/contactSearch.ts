import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError, PageGuard } from './transport';
import {
	orderOf,
	positionOf,
	sliceFilter,
	splitPoints,
	type Order,
	type SliceRange,
} from './searchSlices';

/** The largest page GHL's search serves. */
export const SEARCH_PAGE_LIMIT = 500;

/**
 * Parts of one search read at the same time. A page of 500 takes GHL 0.3 to 1.5 s to answer. At
 * 1.5 s, the read's first two requests (one after the other) take 3 s of the burst window, and
 * its 100 requests must fit in the 7 s left: 30 in flight send 20 a second, 20 in flight only 13
 * (a 50,000-contact read: 14.0 s against 14.8 s). The transport's pacer holds back whatever the
 * budget does not allow, so more streams cost waits, not 429s.
 */
export const SEARCH_STREAMS = 30;

/**
 * Every part ends with a page that is not full: parts of about four pages keep those to about
 * an eighth of the requests (25 parts for the 50,000 contacts of a large location).
 */
const PAGES_PER_PART = 4;

export interface SearchAnswer {
	contacts?: unknown;
	total?: unknown;
}

/** One `POST /contacts/search` listing, as a caller describes it. */
export interface ContactSearch {
	node: INode;
	/** What the user calls the operation, for errors. */
	label: string;
	itemIndex?: number;
	/** locationId, query, filters and sort: sent on every request. */
	criteria: IDataObject;
	/** The most contacts to return; Infinity reads them all, in parts at once where it can. */
	limit: number;
	send(body: IDataObject): Promise<SearchAnswer>;
	/** What is kept of each contact: a page is shaped as it arrives and not held raw. */
	shape(contact: IDataObject): IDataObject;
	/**
	 * Whether to start no more requests (a poll running out of time): the read then returns the
	 * contacts up to the first part it did not read to its end, a beginning of the order.
	 */
	stop?(): boolean;
}

interface Page {
	/** Arrival order: of two copies of a contact, the one read later is kept. */
	seq: number;
	items: IDataObject[];
	ids: Array<string | undefined>;
}

interface Slice {
	range: SliceRange;
	guard: PageGuard;
	cursor?: unknown;
	/** Contacts read in this part, and the position of the last one. */
	read: number;
	last?: number;
	done: boolean;
	/** What GHL reported for this part's criteria and range with its last page. */
	total?: unknown;
	pages: Page[];
}

/**
 * Reads every contact a search matches, in the server's order, each once. A first page that is
 * not full ends the read (small results cost one request, as before). Beyond it, when the order
 * is by a date field (the default, Date Added or Date Updated) and the pages show it, the rest is
 * cut into ranges of that field, read at the same time with searchAfter within each (every
 * request repeats the criteria and adds its range), a range split again when it proves dense and
 * streams are idle. The parts are joined in order; a contact seen twice (it moved while the
 * ranges were read, as it may between two pages of the sequential read) is kept once, as last
 * read. Any other order is read page after page.
 */
export async function readContacts(search: ContactSearch): Promise<IDataObject[]> {
	return await new SearchRead(search).run();
}

class SearchRead {
	private readonly root: PageGuard;
	private readonly slices: Slice[] = [];
	private readonly queue: Slice[] = [];
	private seq = 0;
	private order?: Order;
	/** The farthest position known to hold a contact: where an open range is split up to. */
	private end = Number.NEGATIVE_INFINITY;
	private failure: unknown;
	private idle = 0;
	private wake: () => void = () => {};
	private changed = this.nextChange();

	/** The order a sort names explicitly: the cursor's position must not go back along it. */
	private readonly declared?: Order;

	constructor(private readonly search: ContactSearch) {
		this.root = new PageGuard(search.node, search.label, search.itemIndex);
		const { sort } = search.criteria;
		if (Array.isArray(sort) && sort.length > 0) this.declared = orderOf(sort, []);
	}

	async run(): Promise<IDataObject[]> {
		const first = this.slice({}, this.root);
		const batch = await this.readPage(first);
		const order =
			!first.done && this.search.limit === Infinity
				? orderOf(this.search.criteria.sort, batch)
				: undefined;
		const parts = order ? await this.firstParts(first, order, batch) : [];
		if (parts.length > 0) {
			this.order = order;
			this.queue.push(first, ...parts, this.slice({ undated: true }, this.root.stream()));
			await this.streams();
		} else {
			while (!first.done && !this.stopped()) await this.readPage(first);
		}
		return this.joined();
	}

	/**
	 * What is left after the first page, cut into parts of about PAGES_PER_PART pages; none when
	 * it is no more than one part (then finding the far end would cost a request for nothing).
	 */
	private async firstParts(first: Slice, order: Order, page: IDataObject[]): Promise<Slice[]> {
		const total = Number(first.total);
		const pages = Number.isFinite(total)
			? Math.ceil((total - first.read) / SEARCH_PAGE_LIMIT)
			: SEARCH_STREAMS * PAGES_PER_PART;
		const parts = Math.min(SEARCH_STREAMS, Math.ceil(pages / PAGES_PER_PART));
		if (parts < 2 || this.stopped() || !(await this.findEnd(order))) return [];
		first.last = positionOf(order, page[page.length - 1]);
		return this.split(first, parts);
	}

	/** Whether the caller wants no more requests started (a poll running out of time). */
	private stopped(): boolean {
		return this.search.stop?.() ?? false;
	}

	private slice(range: SliceRange, guard: PageGuard, after?: Slice): Slice {
		const slice: Slice = { range, guard, read: 0, done: false, pages: [] };
		const at = after ? this.slices.indexOf(after) + 1 : this.slices.length;
		// The part of contacts without the field sorts last, after every range.
		const undated = this.slices.findIndex((s) => s.range.undated);
		this.slices.splice(undated >= 0 && !range.undated ? Math.min(at, undated) : at, 0, slice);
		return slice;
	}

	/** The contact farthest along the order, read with the order reversed (one request). */
	private async findEnd(order: Order): Promise<boolean> {
		const answer = await this.search.send({
			...this.search.criteria,
			pageLimit: 1,
			sort: [{ field: order.field, direction: order.descending ? 'asc' : 'desc' }],
		});
		const [far] = Array.isArray(answer.contacts) ? (answer.contacts as IDataObject[]) : [];
		const position = far && typeof far === 'object' ? positionOf(order, far) : undefined;
		if (position === undefined) return false;
		this.end = position;
		return true;
	}

	/** Reads the next page of a part; returns the page as GHL sent it (for the caller to look at). */
	private async readPage(slice: Slice): Promise<IDataObject[]> {
		const { criteria, limit, node, itemIndex } = this.search;
		const pageLimit = Math.min(limit - slice.read, SEARCH_PAGE_LIMIT);
		const filter = this.order ? sliceFilter(this.order, slice.range) : undefined;
		const filters = [...((criteria.filters as IDataObject[] | undefined) ?? [])];
		if (filter) filters.push(filter);
		const answer = await this.search.send({
			...criteria,
			pageLimit,
			...(filters.length > 0 ? { filters } : {}),
			...(slice.cursor ? { searchAfter: slice.cursor } : {}),
		});
		const batch = slice.guard.page(answer.contacts ?? []);
		if (filter) this.checkRange(slice, batch);
		this.keep(slice, batch);
		const order = this.order ?? this.declared;
		if (order && !filter && batch.length > 0) {
			slice.last = positionOf(order, batch[batch.length - 1]) ?? slice.last;
		}
		slice.total = answer.total;
		// Only a page that is not full ends a part: a count against `total` would end it early
		// once a contact read before was deleted or moved ahead, and lose the last contact.
		if (slice.read >= limit || batch.length < pageLimit) {
			slice.done = true;
			return batch;
		}
		const searchAfter = batch[batch.length - 1].searchAfter;
		if (!Array.isArray(searchAfter)) {
			throw new NodeOperationError(node, 'GHL returned a page without a cursor to the next one', {
				description: `${slice.read} contacts were read before this. Narrow the search with filters, or set a Limit.`,
				itemIndex,
			});
		}
		slice.guard.next(searchAfter, slice.last);
		slice.cursor = searchAfter;
		return batch;
	}

	/** A part's contacts must lie in its range: one outside means GHL ignored the range filter. */
	private checkRange(slice: Slice, batch: IDataObject[]): void {
		const order = this.order as Order;
		for (const contact of batch) {
			const position = positionOf(order, contact);
			const inside = slice.range.undated
				? position === undefined
				: position !== undefined &&
					(slice.range.from === undefined || position >= slice.range.from) &&
					(slice.range.to === undefined || position < slice.range.to);
			if (!inside) {
				throw new NodeOperationError(
					this.search.node,
					`${this.search.label}: GHL returned a contact outside the ${order.field} range it was asked for`,
					{
						description:
							'The node reads large results in date ranges at once, and GHL did not keep to one. Set a Limit to read page after page, or try again later.',
						itemIndex: this.search.itemIndex,
					},
				);
			}
			slice.last = position;
			if (position !== undefined) this.end = Math.max(this.end, position);
		}
	}

	private keep(slice: Slice, batch: IDataObject[]): void {
		const seq = ++this.seq;
		const ids = batch.map((contact) =>
			contact.id === undefined || contact.id === null ? undefined : String(contact.id),
		);
		slice.read += batch.length;
		slice.pages.push({ seq, ids, items: batch.map(this.search.shape) });
	}

	/**
	 * Cuts what is left of a part (after its last contact, up to its end) into `parts` ranges of
	 * equal width; the part keeps the first, the others are returned, in order.
	 */
	private split(slice: Slice, parts: number): Slice[] {
		if (slice.last === undefined || parts < 2) return [];
		const end = slice.range.to ?? this.end + 1;
		const points = splitPoints(slice.last, end, parts);
		if (points.length === 0) return [];
		const created: Slice[] = [];
		let previous = slice;
		points.forEach((from, i) => {
			const to = i + 1 < points.length ? points[i + 1] : slice.range.to;
			previous = this.slice({ from, to }, this.root.stream(), previous);
			created.push(previous);
		});
		slice.range = { ...slice.range, to: points[0] };
		return created;
	}

	/** SEARCH_STREAMS workers take parts from the queue until every part is read or one fails. */
	private async streams(): Promise<void> {
		let active = 0;
		const worker = async () => {
			for (;;) {
				if (this.failure !== undefined) return;
				const slice = this.queue.shift();
				if (!slice) {
					if (active === 0) return;
					this.idle += 1;
					await this.changed;
					this.idle -= 1;
					continue;
				}
				active += 1;
				try {
					await this.readSlice(slice);
				} catch (error) {
					this.failure ??= error;
				} finally {
					active -= 1;
					this.notify();
				}
			}
		};
		await Promise.all(Array.from({ length: SEARCH_STREAMS }, worker));
		if (this.failure !== undefined) throw asNodeError(this.search.node, this.failure);
	}

	private async readSlice(slice: Slice): Promise<void> {
		while (!slice.done && this.failure === undefined && !this.stopped()) {
			await this.readPage(slice);
			if (slice.done) return;
			// A part with pages left is shared with idle streams, a page's worth each at least.
			// Each new part may cost a page that is not full, but its pages are then read at once,
			// not in turn: at 1.5 s a page, the last pages read in turn are what a read ends on.
			const total = Number(slice.total);
			const pagesLeft = Number.isFinite(total)
				? Math.ceil((total - slice.read) / SEARCH_PAGE_LIMIT)
				: 2;
			const free = this.idle - this.queue.length;
			const created = this.split(slice, Math.min(free + 1, pagesLeft));
			if (created.length > 0) {
				this.queue.push(...created);
				this.notify();
			}
		}
	}

	private nextChange(): Promise<void> {
		return new Promise((resolve) => (this.wake = resolve));
	}

	private notify(): void {
		const wake = this.wake;
		this.changed = this.nextChange();
		wake();
	}

	/**
	 * The parts in order, each contact once, where it was read last; after a stop, only up to
	 * the first part not read to its end.
	 */
	private joined(): IDataObject[] {
		const end = this.slices.findIndex((slice) => !slice.done);
		const pages = this.slices.slice(0, end < 0 ? undefined : end + 1).flatMap((s) => s.pages);
		const latest = new Map<string, number>();
		for (const page of pages)
			for (const id of page.ids) if (id !== undefined) latest.set(id, page.seq);
		const contacts: IDataObject[] = [];
		for (const page of pages) {
			page.items.forEach((item, i) => {
				const id = page.ids[i];
				if (id === undefined) {
					contacts.push(item);
				} else if (latest.get(id) === page.seq) {
					contacts.push(item);
					// Twice in one page (a server fault): once.
					latest.delete(id);
				}
			});
		}
		return contacts.length > this.search.limit ? contacts.slice(0, this.search.limit) : contacts;
	}
}
