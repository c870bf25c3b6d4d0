import type { IDataObject, INode } from 'n8n-workflow';

import { readContacts, SEARCH_STREAMS, type ContactSearch } from '../../nodes/shared/contactSearch';
import { MAIN_LOCATION_ID, DomainHarness } from '../sandbox/domain/domainHarness';

/**
 * The search read against the sandbox's own search (its filters, sort, searchAfter and total),
 * driven request by request: what the read sends, what it returns, and what it returns when
 * contacts change between its requests.
 */
const node = { name: 'GHL Contacts' } as INode;
const DAY = 86_400_000;

interface Sent {
	body: IDataObject;
	/** Requests in flight when this one was sent (itself included). */
	inFlight: number;
}

/**
 * A search over `harness` whose answers come back on a later turn of the event loop, so that
 * the read has several requests in flight; `before(n)` runs just before request n is answered.
 */
function searchOver(
	harness: DomainHarness,
	criteria: IDataObject,
	options: { limit?: number; before?: (n: number, body: IDataObject) => void } = {},
): { search: ContactSearch; sent: Sent[] } {
	const sent: Sent[] = [];
	let inFlight = 0;
	const search: ContactSearch = {
		node,
		label: 'Get Many Contacts',
		criteria: { locationId: MAIN_LOCATION_ID, ...criteria },
		limit: options.limit ?? Infinity,
		shape: (contact) => ({
			id: contact.id,
			dateAdded: contact.dateAdded,
			dateUpdated: contact.dateUpdated,
		}),
		send: async (body) => {
			inFlight += 1;
			sent.push({ body: JSON.parse(JSON.stringify(body)) as IDataObject, inFlight });
			const n = sent.length;
			await new Promise((resolve) => setImmediate(resolve));
			inFlight -= 1;
			options.before?.(n, body);
			return harness.search(body);
		},
	};
	return { search, sent };
}

/** The read page after page, as a Limit makes it: the reference the parallel read must equal. */
async function sequential(harness: DomainHarness, criteria: IDataObject) {
	const { search, sent } = searchOver(harness, criteria, { limit: Number.MAX_SAFE_INTEGER });
	const contacts = await readContacts(search);
	return { contacts, sent };
}

/** A contact's Date Added (epoch ms) as the sandbox holds it, or undefined once it is deleted. */
function dateAddedOf(harness: DomainHarness, id: string): number | undefined {
	try {
		return (harness.control('GET', `/contacts/${id}`).body as { contact: { dateAdded: number } })
			.contact.dateAdded;
	} catch {
		return undefined;
	}
}

const ids = (contacts: IDataObject[]) => contacts.map((contact) => String(contact.id));
const rangeFilters = (body: IDataObject) =>
	((body.filters as IDataObject[] | undefined) ?? []).filter(
		(filter) => filter.field === 'dateAdded' || filter.field === 'dateUpdated',
	);

describe('Return All over a large search', () => {
	const harness = new DomainHarness({ contacts: 6_000 });

	it('returns what the sequential read returns, in its order, reading ranges at once', async () => {
		const reference = await sequential(harness, {});
		expect(reference.contacts).toHaveLength(6_000);
		expect(reference.sent).toHaveLength(13);

		const { search, sent } = searchOver(harness, {});
		const contacts = await readContacts(search);

		expect(ids(contacts)).toEqual(ids(reference.contacts));
		// Several requests in flight, none more than the streams.
		const most = Math.max(...sent.map((s) => s.inFlight));
		expect(most).toBeGreaterThanOrEqual(3);
		expect(most).toBeLessThanOrEqual(SEARCH_STREAMS);
		// The first page as before; then the far end (one contact), then the ranges.
		expect(sent[0].body).toEqual({ locationId: MAIN_LOCATION_ID, pageLimit: 500 });
		expect(sent[1].body).toEqual({
			locationId: MAIN_LOCATION_ID,
			pageLimit: 1,
			sort: [{ field: 'dateAdded', direction: 'asc' }],
		});
		for (const { body } of sent.slice(2)) {
			expect(body).toMatchObject({ locationId: MAIN_LOCATION_ID, pageLimit: 500 });
			const [range, ...more] = rangeFilters(body);
			expect(more).toEqual([]);
			// Only what GHL documents for dates: range with gt/gte/lt/lte, or not_exists.
			if (range.operator === 'not_exists') expect(range).not.toHaveProperty('value');
			expect(['range', 'not_exists']).toContain(range.operator);
			for (const key of Object.keys((range.value as IDataObject | undefined) ?? {})) {
				expect(['gt', 'gte', 'lt', 'lte']).toContain(key);
			}
		}
		expect(
			sent.filter(({ body }) => rangeFilters(body)[0]?.operator === 'not_exists'),
		).toHaveLength(1);
		// 11 pages' worth of contacts after the first: each range ends with one page not full.
		expect(sent.length).toBeLessThanOrEqual(2 + 11 + SEARCH_STREAMS + 1);
	});

	it('keeps every filter and the sort on every request (ascending, by Date Updated)', async () => {
		const criteria = {
			filters: [{ field: 'dnd', operator: 'eq', value: false }],
			sort: [{ field: 'dateUpdated', direction: 'asc' }],
		};
		const reference = await sequential(harness, criteria);
		expect(reference.contacts.length).toBeGreaterThan(1_000);

		const { search, sent } = searchOver(harness, criteria);
		const contacts = await readContacts(search);

		expect(ids(contacts)).toEqual(ids(reference.contacts));
		expect(sent.length).toBeGreaterThan(reference.sent.length);
		for (const { body } of sent.slice(2)) {
			expect((body.filters as IDataObject[])[0]).toEqual(criteria.filters[0]);
			expect(body.sort).toEqual(criteria.sort);
			const [range] = rangeFilters(body);
			expect(range.field).toBe('dateUpdated');
		}
		// The far end is the newest contact: the order reversed.
		expect(sent[1].body.sort).toEqual([{ field: 'dateUpdated', direction: 'desc' }]);
	});

	it('told to stop, it returns a beginning of the order and starts no more requests', async () => {
		const reference = await sequential(harness, {});
		const { search, sent } = searchOver(harness, {});
		search.stop = () => sent.length >= 6;
		const contacts = await readContacts(search);
		expect(sent).toHaveLength(6);
		expect(contacts.length).toBeGreaterThanOrEqual(500);
		expect(contacts.length).toBeLessThan(6_000);
		expect(ids(contacts)).toEqual(ids(reference.contacts).slice(0, contacts.length));
	});

	it('a first page that is not full is the whole read: one request', async () => {
		const { search, sent } = searchOver(harness, { query: 'zzzz-nobody' });
		expect(await readContacts(search)).toEqual([]);
		expect(sent).toHaveLength(1);
	});

	it('another order (by name) is read page after page', async () => {
		const criteria = { sort: [{ field: 'firstNameLowerCase', direction: 'asc' }] };
		const reference = await sequential(harness, criteria);
		const { search, sent } = searchOver(harness, criteria);
		expect(ids(await readContacts(search))).toEqual(ids(reference.contacts));
		expect(sent.map((s) => s.body)).toEqual(reference.sent.map((s) => s.body));
	});
});

describe('The end of the read', () => {
	it('pages left in a part go at once to idle streams, not in turn: 6,000 contacts in 4 turns', async () => {
		// Every answer takes one turn of the event loop: a request sent on an answer of turn n is
		// answered in turn n + 1, so the turns are the read's pages in turn at GHL's latency.
		const harness = new DomainHarness({ contacts: 6_000 });
		let turn = 0;
		let ticking = false;
		const sentIn: number[] = [];
		const { search } = searchOver(harness, {});
		const send = search.send;
		search.send = async (body) => {
			sentIn.push(turn);
			if (!ticking) {
				ticking = true;
				setImmediate(() => {
					turn += 1;
					ticking = false;
				});
			}
			return await send(body);
		};
		const contacts = await readContacts(search);

		expect(ids(contacts)).toEqual(ids((await sequential(harness, {})).contacts));
		// The first page, the far end, the parts' first pages, the rest of them at once.
		expect(Math.max(...sentIn) + 1).toBe(4);
		expect(sentIn.length).toBeLessThanOrEqual(2 + 11 + 5);
	});
});

describe('Ranges that are empty or dense', () => {
	it('thousands of contacts in one millisecond and empty ranges between two clusters', async () => {
		const harness = new DomainHarness({ contacts: 0 });
		const base = Date.parse('2026-01-01T00:00:00.000Z');
		for (let i = 0; i < 1_600; i++) harness.seedContact({ firstName: `Same${i}`, dateAdded: base });
		for (let i = 0; i < 900; i++) {
			harness.seedContact({ firstName: `Old${i}`, dateAdded: base - 300 * DAY - i * 1000 });
		}
		for (let i = 0; i < 700; i++) {
			harness.seedContact({ firstName: `New${i}`, dateAdded: base + 200 * DAY + i });
		}
		const reference = await sequential(harness, {});
		expect(reference.contacts).toHaveLength(3_200);

		const { search, sent } = searchOver(harness, {});
		const contacts = await readContacts(search);

		expect(ids(contacts)).toEqual(ids(reference.contacts));
		expect(new Set(ids(contacts)).size).toBe(3_200);
		// Some ranges fell in the gap between the clusters and came back empty.
		expect(sent.length).toBeGreaterThan(reference.sent.length);
	});
});

describe('Contacts that change while the read is under way', () => {
	/** The read's invariants: once each, in order, everything that did not change returned. */
	function expectConsistent(contacts: IDataObject[], untouched: Set<string>, all: string[]) {
		const returned = ids(contacts);
		expect(new Set(returned).size).toBe(returned.length);
		const times = contacts.map((contact) => Date.parse(String(contact.dateAdded)));
		times.forEach((time, i) => {
			if (i > 0) expect(time).toBeLessThanOrEqual(times[i - 1]);
		});
		const kept = returned.filter((id) => untouched.has(id));
		expect(kept).toEqual(all.filter((id) => untouched.has(id)));
	}

	it('a contact whose Date Added moves ahead of the read is returned once, as last read', async () => {
		for (const read of ['sequential', 'parallel'] as const) {
			const harness = new DomainHarness({ contacts: 3_000 });
			const before = await sequential(harness, {});
			const newest = ids(before.contacts);
			// The 10th newest is read on the first page; it then moves to be the oldest contact.
			const moved = newest[9];
			const oldest = Date.parse(String(before.contacts[before.contacts.length - 1].dateAdded));
			const { search } = searchOver(
				harness,
				{},
				{
					limit: read === 'sequential' ? Number.MAX_SAFE_INTEGER : Infinity,
					before: (n) => {
						if (n === 2)
							harness.control('PATCH', `/contacts/${moved}`, { dateAdded: oldest - DAY });
					},
				},
			);
			const contacts = await readContacts(search);
			expect(ids(contacts).filter((id) => id === moved)).toHaveLength(1);
			expect(ids(contacts)[contacts.length - 1]).toBe(moved);
			expect(contacts).toHaveLength(3_000);
		}
	});

	it('a contact deleted after it was read does not cost the last contact its place', async () => {
		for (const read of ['sequential', 'parallel'] as const) {
			const harness = new DomainHarness({ contacts: 1_001 });
			const all = ids((await sequential(harness, {})).contacts);
			const { search } = searchOver(
				harness,
				{},
				{
					limit: read === 'sequential' ? Number.MAX_SAFE_INTEGER : Infinity,
					before: (n) => {
						if (n === 2) harness.control('DELETE', `/contacts/${all[0]}`);
					},
				},
			);
			expect(ids(await readContacts(search))).toEqual(all);
		}
	});

	it('contacts added during a newest-first read are not returned, as the sequential read does not', async () => {
		const harness = new DomainHarness({ contacts: 3_000 });
		const added: string[] = [];
		const { search } = searchOver(
			harness,
			{},
			{
				before: (n) => {
					if (n === 1) return;
					harness.clock.advance(1000);
					added.push(String(harness.seedContact({ firstName: 'Late' }).id));
				},
			},
		);
		const contacts = await readContacts(search);
		expect(contacts).toHaveLength(3_000);
		expect(ids(contacts).filter((id) => added.includes(id))).toEqual([]);
	});

	it('contacts added during an oldest-first read come last, once each, as the sequential read has them', async () => {
		const harness = new DomainHarness({ contacts: 3_000 });
		const criteria = { sort: [{ field: 'dateAdded', direction: 'asc' }] };
		const added: string[] = [];
		const { search, sent } = searchOver(harness, criteria, {
			before: () => {
				harness.clock.advance(1000);
				added.push(String(harness.seedContact({ firstName: 'Late' }).id));
			},
		});
		const contacts = await readContacts(search);
		const returned = ids(contacts);
		expect(new Set(returned).size).toBe(returned.length);
		const late = returned.filter((id) => added.includes(id));
		// Those added before the last range's last page was answered, in the order they came.
		expect(late.length).toBeGreaterThan(0);
		expect(late).toEqual(added.slice(0, late.length));
		expect(returned.slice(-late.length)).toEqual(late);
		expect(returned.length).toBe(3_000 + late.length);
		expect(sent.length).toBeGreaterThan(7);
	});

	it('edits, moves, creations and deletions on every request: once each, in order, none lost that stayed put', async () => {
		for (const read of ['sequential', 'parallel'] as const) {
			const harness = new DomainHarness({ contacts: 4_000, seed: 7 });
			const all = ids((await sequential(harness, {})).contacts);
			const touched = new Set<string>();
			let step = 0;
			const { search } = searchOver(
				harness,
				{},
				{
					limit: read === 'sequential' ? Number.MAX_SAFE_INTEGER : Infinity,
					before: () => {
						step += 1;
						harness.clock.advance(50);
						// Move one contact far back, one far ahead, change one in place, add one, delete one.
						const pick = (k: number) => all[(step * 7919 * k) % all.length];
						const back = pick(1);
						const ahead = pick(2);
						const edited = pick(3);
						const gone = pick(4);
						for (const id of [back, ahead, edited, gone]) touched.add(id);
						const shift = (id: string, ms: number) => {
							const at = dateAddedOf(harness, id);
							if (at !== undefined)
								harness.control('PATCH', `/contacts/${id}`, { dateAdded: at + ms });
						};
						shift(back, -200 * DAY);
						shift(ahead, 200 * DAY);
						if (dateAddedOf(harness, edited) !== undefined) {
							harness.control('PATCH', `/contacts/${edited}`, { firstName: `E${step}` });
						}
						if (dateAddedOf(harness, gone) !== undefined)
							harness.control('DELETE', `/contacts/${gone}`);
						touched.add(String(harness.seedContact({ firstName: `Added${step}` }).id));
					},
				},
			);
			const contacts = await readContacts(search);
			const untouched = new Set(all.filter((id) => !touched.has(id)));
			expect(untouched.size).toBeGreaterThan(3_000);
			expectConsistent(contacts, untouched, all);
		}
	});
});
