import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * The most pages one listing reads (500,000 contacts at search's 500 a page). A listing that
 * needs more is better narrowed with filters than held in memory; a server that never says
 * "last page" stops here instead of growing the execution until n8n runs out of memory.
 */
export const MAX_PAGES = 1_000;

/**
 * Watches one paged listing for a server that would keep it going forever: a cursor sent
 * before (the per-execution read cache answers a repeated URL without I/O, so such a loop
 * never yields), a cursor that moves back, a page of records all returned before and unchanged
 * since (the cursor was ignored; a record changed in between may rightly be read again where it
 * moved to), and more than `maxPages` pages. Each stops the listing with an error that
 * says what GHL did and how far the listing got.
 */
export class PageGuard {
	/** The listing's pages and records, shared by every stream that reads a part of it. */
	private count = { pages: 0, records: 0 };
	private position = -Infinity;
	private readonly cursors = new Set<string>();
	/** Each record returned, as `id` and when it last changed. */
	private readonly versions = new Set<string>();

	/**
	 * `resume` continues a listing that an earlier call began (a picker gets its next page in a
	 * new call): the pages it read and the cursor it was given.
	 */
	constructor(
		private readonly node: INode,
		private readonly label: string,
		private readonly itemIndex?: number,
		resume?: { pages: number; cursor: unknown },
		private readonly maxPages = MAX_PAGES,
	) {
		if (resume) {
			this.count.pages = resume.pages;
			this.cursors.add(JSON.stringify(resume.cursor));
		}
	}

	/**
	 * A guard for another stream of the same listing (a read in several parts at once): its own
	 * cursor and repeat checks, the listing's page cap.
	 */
	stream(): PageGuard {
		const guard = new PageGuard(this.node, this.label, this.itemIndex, undefined, this.maxPages);
		guard.count = this.count;
		return guard;
	}

	/**
	 * Takes a page that came back and returns its records; throws when they are not a list of
	 * records (a server answering another shape) or only records already returned. The first
	 * `shared` records were asked for again on purpose (pages that overlap), and are left out.
	 */
	page(records: unknown, shared = 0): IDataObject[] {
		this.count.pages += 1;
		if (
			!Array.isArray(records) ||
			!records.every((record) => record !== null && typeof record === 'object')
		) {
			throw new NodeOperationError(
				this.node,
				`${this.label}: GHL's page ${this.count.pages} is not a list of records`,
				{
					description: `${this.count.records} records were read before this. GHL, or a proxy in front of it, sent an answer the node cannot read. Try again later.`,
					itemIndex: this.itemIndex,
				},
			);
		}
		const own = records.slice(shared);
		this.count.records += own.length;
		const versions = own.flatMap((record) =>
			record.id === undefined || record.id === null
				? []
				: [`${String(record.id)}|${String(record.dateUpdated ?? '')}`],
		);
		if (versions.length > 0 && versions.every((version) => this.versions.has(version))) {
			throw this.stop(`page ${this.count.pages} repeats records GHL had already returned`);
		}
		for (const version of versions) this.versions.add(version);
		return own as IDataObject[];
	}

	/**
	 * Before asking for `pages` more pages at once (a listing read by offset, whose count says how
	 * many it has): throws when they would take the listing past its page cap, before any is sent.
	 */
	ahead(pages: number): void {
		if (this.count.pages + pages > this.maxPages) {
			throw this.stop(
				`it would need ${this.count.pages + pages} pages, more than a listing may have (${this.maxPages})`,
				true,
			);
		}
	}

	/**
	 * Before asking for the next page with `cursor`. `position` is where the cursor stands in
	 * the listing's order, when that is known (a timestamp ascending, an offset): it must not
	 * go back.
	 */
	next(cursor: unknown, position?: number): void {
		if (this.count.pages >= this.maxPages) {
			throw this.stop(`it read the most pages a listing may have (${this.maxPages})`, true);
		}
		const key = JSON.stringify(cursor);
		if (this.cursors.has(key)) throw this.stop('GHL sent the same page cursor again');
		if (position !== undefined) {
			if (position < this.position) {
				throw this.stop("GHL's page cursor went back");
			}
			this.position = position;
		}
		this.cursors.add(key);
	}

	private stop(reason: string, capped = false): NodeOperationError {
		return new NodeOperationError(
			this.node,
			capped
				? `${this.label} stopped: ${reason}`
				: `${this.label} stopped: ${reason}, so the listing would never end`,
			{
				description: capped
					? `${this.count.records} records were read in ${this.count.pages} pages. Narrow the request with filters or set a Limit.`
					: `${this.count.records} records were read in ${this.count.pages} pages before this. This is a fault on GHL's side: try again later.`,
				itemIndex: this.itemIndex,
			},
		);
	}
}
