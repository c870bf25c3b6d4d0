import type { INode } from 'n8n-workflow';

import { SEARCH_STREAMS } from '../../nodes/shared/contactSearch';
import { OFFSET_READS, readOffsetPages, type OffsetListing } from '../../nodes/shared/offsetRead';
import { MAIN_LOCATION_ID, DomainHarness, START } from '../sandbox/domain/domainHarness';

/**
 * The offset read against the sandbox's business list (skip, limit, count), driven request by
 * request: what it sends, what it returns, and what it returns when the business's contacts
 * change between its requests.
 */
const node = { name: 'GHL Contacts' } as INode;
const DAY = 86_400_000;

interface Sent {
	skip: number;
	limit: number;
	/** Requests in flight when this one was sent (itself included). */
	inFlight: number;
}

/**
 * The read over one business of `harness`, answered on a later turn of the event loop so that
 * several requests are in flight; `before(n)` runs just before request n is answered.
 */
function listingOf(
	harness: DomainHarness,
	businessId: string,
	options: { limit?: number; before?: (n: number) => void } = {},
): { listing: OffsetListing; sent: Sent[] } {
	const sent: Sent[] = [];
	let inFlight = 0;
	const listing: OffsetListing = {
		node,
		label: 'Get Many Contacts by Business',
		pageSize: 100,
		limit: options.limit ?? Infinity,
		shape: (contact) => ({ id: contact.id }),
		send: async (skip, limit) => {
			inFlight += 1;
			sent.push({ skip, limit, inFlight });
			const n = sent.length;
			await new Promise((resolve) => setImmediate(resolve));
			inFlight -= 1;
			options.before?.(n);
			const page = harness.ok('get-contacts-by-businessId', {
				params: { businessId },
				query: { locationId: MAIN_LOCATION_ID, limit: String(limit), skip: String(skip) },
			});
			return { records: page.contacts, count: page.count };
		},
	};
	return { listing, sent };
}

/** The business's contacts in GHL's order, as they are now (pages read at one moment). */
function listed(harness: DomainHarness, businessId: string): string[] {
	const all: string[] = [];
	for (let skip = 0; ; skip += 100) {
		const page = harness.ok('get-contacts-by-businessId', {
			params: { businessId },
			query: { locationId: MAIN_LOCATION_ID, limit: '100', skip: String(skip) },
		});
		all.push(...page.contacts.map((contact: { id: string }) => contact.id));
		if (page.contacts.length < 100) return all;
	}
}

function business(harness: DomainHarness, businessId: string, count: number): string[] {
	return (
		harness.control('POST', '/bulk/contacts', { count, businessId }).body as { ids: string[] }
	).ids;
}

/** Puts contacts of the location that are not in any business into `businessId`. */
function join(harness: DomainHarness, businessId: string, ids: string[]): void {
	harness.ok('add-remove-contact-from-business', {
		body: { locationId: MAIN_LOCATION_ID, ids, businessId },
	});
}

const ids = (records: Array<{ id?: unknown }>) => records.map((record) => String(record.id));
const skips = (sent: Sent[]) => sent.map((s) => s.skip);

describe('A business list read by offset', () => {
	const harness = new DomainHarness({ contacts: 0 });
	const businessId = 'bizOffsetRead0000001';
	business(harness, businessId, 1_234);

	it('returns the list in its order, each contact once, the pages after the first at once', async () => {
		const { listing, sent } = listingOf(harness, businessId);
		const contacts = await readOffsetPages(listing);

		expect(ids(contacts)).toEqual(listed(harness, businessId));
		expect(contacts).toHaveLength(1_234);
		// Each page starts at the last contact of the page before: 13 pages, as 100 apart.
		expect(skips(sent)).toEqual(Array.from({ length: 13 }, (_, k) => k * 99));
		expect(sent.every((s) => s.limit === 100)).toBe(true);
		// The first page alone, then the other 12 at once.
		expect(sent[0].inFlight).toBe(1);
		expect(Math.max(...sent.map((s) => s.inFlight))).toBe(Math.min(12, SEARCH_STREAMS));
	});

	it('a Limit asks for no more than it keeps: the first 250, in 3 requests', async () => {
		const { listing, sent } = listingOf(harness, businessId, { limit: 250 });
		const contacts = await readOffsetPages(listing);

		expect(ids(contacts)).toEqual(listed(harness, businessId).slice(0, 250));
		expect(sent.map(({ skip, limit }) => [skip, limit])).toEqual([
			[0, 100],
			[99, 100],
			[198, 52],
		]);
	});

	it('a first page that is not full, or holds all GHL counts, is the whole read', async () => {
		const small = 'bizOffsetRead0000002';
		business(harness, small, 40);
		const one = listingOf(harness, small);
		expect(ids(await readOffsetPages(one.listing))).toEqual(listed(harness, small));
		expect(one.sent).toHaveLength(1);

		const exact = 'bizOffsetRead0000003';
		business(harness, exact, 100);
		const full = listingOf(harness, exact);
		expect(await readOffsetPages(full.listing)).toHaveLength(100);
		expect(full.sent).toHaveLength(1);
	});
});

describe('A business list that changes while it is read', () => {
	/** A business of 1,000 contacts, and 50 older contacts of the location in no business. */
	function world() {
		const harness = new DomainHarness({ contacts: 0 });
		// A business GHL knows, for contacts to join and leave.
		const businessId = harness.ok('get-businesses-by-location', {
			query: { locationId: MAIN_LOCATION_ID },
		}).businesses[0].id as string;
		business(harness, businessId, 1_000);
		const older = Array.from(
			{ length: 50 },
			(_, i) => harness.seedContact({ firstName: `Older${i}`, dateAdded: START - DAY + i }).id,
		) as string[];
		return { harness, businessId, older };
	}

	it('a contact that joins before pages already read: read again, each contact once, none lost', async () => {
		const { harness, businessId, older } = world();
		const before = listed(harness, businessId);
		const { listing, sent } = listingOf(harness, businessId, {
			// Between two of the pages read at once: every page after it starts one contact early.
			before: (n) => n === 5 && join(harness, businessId, [older[0]]),
		});
		const contacts = await readOffsetPages(listing);

		const after = listed(harness, businessId);
		expect(after).toEqual([older[0], ...before]);
		expect(ids(contacts)).toEqual(after);
		// The pages did not line up: the whole list was read a second time.
		expect(skips(sent).filter((skip) => skip === 0)).toHaveLength(2);
	});

	it('a contact that leaves: read again, none of the others lost', async () => {
		const { harness, businessId } = world();
		const before = listed(harness, businessId);
		const { listing, sent } = listingOf(harness, businessId, {
			before: (n) =>
				n === 5 &&
				harness.ok('add-remove-contact-from-business', {
					body: { locationId: MAIN_LOCATION_ID, ids: [before[3]], businessId: null },
				}),
		});
		const contacts = await readOffsetPages(listing);

		expect(ids(contacts)).toEqual(before.filter((id) => id !== before[3]));
		expect(skips(sent).filter((skip) => skip === 0)).toHaveLength(2);
	});

	it('a contact added at the end of the order costs no second read', async () => {
		const { harness, businessId } = world();
		const { listing, sent } = listingOf(harness, businessId, {
			before: (n) => {
				if (n !== 3) return;
				harness.clock.advance(1000);
				business(harness, businessId, 1);
			},
		});
		const contacts = await readOffsetPages(listing);

		expect(ids(contacts)).toEqual(listed(harness, businessId));
		expect(contacts).toHaveLength(1_001);
		expect(skips(sent).filter((skip) => skip === 0)).toHaveLength(1);
	});

	it('contacts that join on every request: fails after 3 reads, saying why', async () => {
		const { harness, businessId, older } = world();
		let joined = 0;
		const { listing, sent } = listingOf(harness, businessId, {
			before: (n) => n > 1 && joined < older.length && join(harness, businessId, [older[joined++]]),
		});

		await expect(readOffsetPages(listing)).rejects.toThrow(
			`Get Many Contacts by Business: GHL's pages did not line up in ${OFFSET_READS} reads`,
		);
		expect(skips(sent).filter((skip) => skip === 0)).toHaveLength(OFFSET_READS);
	});
});
