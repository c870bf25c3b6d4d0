import { DomainHarness, START } from './domainHarness';

const SAME_MS = '2026-05-01T08:00:00.000Z';

function ids(result: { contacts: Array<{ id: string }> }): string[] {
	return result.contacts.map((c) => c.id);
}

describe('search: filters, groups, query', () => {
	const h = new DomainHarness({ contacts: 0 });
	const ann = h.seedContact({
		firstName: 'Ann',
		lastName: 'Lee',
		email: 'ann@example.com',
		phone: '+14155550201',
		tags: ['vip', 'newsletter'],
		companyName: 'Acme Dental',
		source: 'webinar',
		dnd: true,
		dateAdded: '2026-01-10T00:00:00Z',
		dateUpdated: '2026-05-10T00:00:00Z',
	});
	const bob = h.seedContact({
		firstName: 'Bob',
		lastName: 'Stone',
		email: 'bob@corp.test',
		tags: ['newsletter'],
		companyName: 'Summit Roofing',
		assignedTo: 'userB000000000000000',
		dateAdded: '2026-02-10T00:00:00Z',
	});
	const cy = h.seedContact({
		firstName: 'Cy',
		lastName: 'Lee',
		phone: '+14155550203',
		dateAdded: '2026-03-10T00:00:00Z',
		businessId: 'biz00000000000000001',
	});
	const search = (filters: unknown[], extra: Record<string, unknown> = {}) =>
		ids(
			h.search({
				pageLimit: 50,
				filters,
				sort: [{ field: 'dateAdded', direction: 'asc' }],
				...extra,
			}),
		);

	it('eq and not_eq on text, list, boolean and id fields', () => {
		expect(search([{ field: 'lastNameLowerCase', operator: 'eq', value: 'lee' }])).toEqual([
			ann.id,
			cy.id,
		]);
		expect(search([{ field: 'tags', operator: 'eq', value: 'vip' }])).toEqual([ann.id]);
		expect(search([{ field: 'tags', operator: 'eq', value: ['vip', 'newsletter'] }])).toEqual([
			ann.id,
			bob.id,
		]);
		expect(search([{ field: 'tags', operator: 'not_eq', value: 'newsletter' }])).toEqual([cy.id]);
		expect(search([{ field: 'dnd', operator: 'eq', value: true }])).toEqual([ann.id]);
		expect(search([{ field: 'email', operator: 'eq', value: 'BOB@corp.test' }])).toEqual([bob.id]);
		expect(search([{ field: 'phone', operator: 'eq', value: '(415) 555-0203' }])).toEqual([cy.id]);
		expect(search([{ field: 'id', operator: 'eq', value: bob.id }])).toEqual([bob.id]);
		expect(
			search([{ field: 'businessId', operator: 'eq', value: 'biz00000000000000001' }]),
		).toEqual([cy.id]);
		expect(
			search([{ field: 'assignedTo', operator: 'not_eq', value: 'userB000000000000000' }]),
		).toEqual([ann.id, cy.id]);
	});

	it('contains, not_contains, exists and not_exists', () => {
		expect(search([{ field: 'companyName', operator: 'contains', value: 'ROOF' }])).toEqual([
			bob.id,
		]);
		expect(search([{ field: 'email', operator: 'not_contains', value: 'example' }])).toEqual([
			bob.id,
			cy.id,
		]);
		expect(search([{ field: 'tags', operator: 'contains', value: 'news' }])).toEqual([
			ann.id,
			bob.id,
		]);
		expect(search([{ field: 'email', operator: 'exists' }])).toEqual([ann.id, bob.id]);
		expect(search([{ field: 'phone', operator: 'not_exists' }])).toEqual([bob.id]);
		expect(search([{ field: 'tags', operator: 'not_exists' }])).toEqual([cy.id]);
	});

	it('range on dates with ISO strings or epoch ms, each bound exclusive or inclusive', () => {
		const feb = Date.parse('2026-02-10T00:00:00Z');
		expect(
			search([{ field: 'dateAdded', operator: 'range', value: { gte: '2026-02-10T00:00:00Z' } }]),
		).toEqual([bob.id, cy.id]);
		expect(search([{ field: 'dateAdded', operator: 'range', value: { gt: feb } }])).toEqual([
			cy.id,
		]);
		expect(
			search([{ field: 'dateAdded', operator: 'range', value: { gte: String(feb), lte: feb } }]),
		).toEqual([bob.id]);
		expect(
			search([{ field: 'dateAdded', operator: 'range', value: { lt: '2026-02-10T00:00:00Z' } }]),
		).toEqual([ann.id]);
		expect(
			search([{ field: 'dateUpdated', operator: 'range', value: { gte: '2026-05-01T00:00:00Z' } }]),
		).toEqual([ann.id]);
	});

	it('ANDs top-level filters and nests AND/OR groups', () => {
		expect(
			search([
				{ field: 'lastNameLowerCase', operator: 'eq', value: 'lee' },
				{ field: 'tags', operator: 'exists' },
			]),
		).toEqual([ann.id]);
		expect(
			search([
				{
					group: 'OR',
					filters: [
						{ field: 'firstNameLowerCase', operator: 'eq', value: 'bob' },
						{
							group: 'AND',
							filters: [
								{ field: 'lastNameLowerCase', operator: 'eq', value: 'lee' },
								{ field: 'dnd', operator: 'eq', value: false },
							],
						},
					],
				},
			]),
		).toEqual([bob.id, cy.id]);
	});

	it('full-text query over names, email, phone and company (all words must match)', () => {
		expect(search([], { query: 'lee' })).toEqual([ann.id, cy.id]);
		expect(search([], { query: 'ann lee' })).toEqual([ann.id]);
		expect(search([], { query: 'corp.test' })).toEqual([bob.id]);
		expect(search([], { query: '5550203' })).toEqual([cy.id]);
		expect(search([], { query: 'acme' })).toEqual([ann.id]);
	});

	it('rejects malformed bodies with 422', () => {
		const bad: Array<[Record<string, unknown>, string]> = [
			[{ pageLimit: undefined }, 'pageLimit should not be empty'],
			[{ pageLimit: 501 }, 'pageLimit must not be greater than 500'],
			[{ pageLimit: 0 }, 'pageLimit must not be less than 1'],
			[
				{ pageLimit: 100, page: 101 },
				'page * pageLimit must not exceed 10000; use searchAfter to page further',
			],
			[
				{ pageLimit: 10, filters: [{ field: 'shoeSize', operator: 'eq', value: 1 }] },
				'filters: unsupported field shoeSize',
			],
			[
				{ pageLimit: 10, filters: [{ field: 'email', operator: 'like', value: 'x' }] },
				'filters: unsupported operator like on email',
			],
			[
				{ pageLimit: 10, filters: [{ field: 'email', operator: 'range', value: { gt: 1 } }] },
				'filters: range is not supported on email',
			],
			[
				{ pageLimit: 10, filters: [{ group: 'XOR', filters: [] }] },
				'filters: group must be AND or OR',
			],
			[
				{ pageLimit: 10, filters: [{ field: 'email', operator: 'eq', value: 'x'.repeat(76) }] },
				'filters value must be shorter than or equal to 75 characters',
			],
			[
				{ pageLimit: 10, sort: [{ field: 'phone', direction: 'asc' }] },
				'sort: field must be one of dateAdded, dateUpdated, email, firstNameLowerCase, lastNameLowerCase, companyName',
			],
			[
				{ pageLimit: 10, searchAfter: ['x'] },
				'searchAfter must be the searchAfter array of the last contact of the previous page (2 values)',
			],
		];
		for (const [body, message] of bad) {
			const error = h.fail('search-contacts-advanced', {
				body: { locationId: ann.locationId, ...body },
			});
			expect([error.status, error.messages]).toEqual([422, [message]]);
		}
		expect(h.fail('search-contacts-advanced', { body: { pageLimit: 10 } }).messages).toEqual([
			'locationId should not be empty',
		]);
		expect(
			h.fail('search-contacts-advanced', {
				body: { locationId: 'locSbxOther00000000B', pageLimit: 10 },
			}).status,
		).toBe(403);
	});

	it('returns search items with searchAfter and the total', () => {
		const result = h.search({ pageLimit: 2, sort: [{ field: 'dateAdded', direction: 'desc' }] });
		expect(result.total).toBe(3);
		expect(result.contacts[0]).toMatchObject({
			id: cy.id,
			firstNameLowerCase: 'cy',
			dateAdded: '2026-03-10T00:00:00.000Z',
			searchAfter: [Date.parse('2026-03-10T00:00:00Z'), cy.id],
		});
	});
});

describe('search: sort and paging', () => {
	const h = new DomainHarness({ contacts: 0 });
	const names = ['delta', 'alpha', 'charlie', 'bravo'];
	const made = names.map((firstName, i) =>
		h.seedContact({ firstName, dateAdded: Date.UTC(2026, 0, 1 + i) }),
	);
	h.seedContact({ lastName: 'Nameless', dateAdded: Date.UTC(2026, 0, 9) });

	it('sorts by firstNameLowerCase both ways, missing values last', () => {
		const asc = h.search({
			pageLimit: 10,
			sort: [{ field: 'firstNameLowerCase', direction: 'asc' }],
		});
		expect(asc.contacts.map((c) => c.firstNameLowerCase ?? null)).toEqual([
			'alpha',
			'bravo',
			'charlie',
			'delta',
			null,
		]);
		const desc = h.search({
			pageLimit: 10,
			sort: [{ field: 'firstNameLowerCase', direction: 'desc' }],
		});
		expect(desc.contacts.map((c) => c.firstNameLowerCase ?? null)).toEqual([
			'delta',
			'charlie',
			'bravo',
			'alpha',
			null,
		]);
		expect(desc.contacts[4].searchAfter).toEqual([null, desc.contacts[4].id]);
	});

	it('defaults to dateAdded descending and pages with page/pageLimit', () => {
		const page1 = h.search({ pageLimit: 2 });
		const page2 = h.search({ pageLimit: 2, page: 2 });
		const page3 = h.search({ pageLimit: 2, page: 3 });
		expect([...ids(page1), ...ids(page2), ...ids(page3)].slice(1)).toEqual(
			made.map((c) => c.id).reverse(),
		);
		expect(page3.contacts).toHaveLength(1);
		expect(page3.total).toBe(5);
	});

	it('continues after the searchAfter cursor of a name sort', () => {
		const first = h.search({
			pageLimit: 2,
			sort: [{ field: 'firstNameLowerCase', direction: 'asc' }],
		});
		const next = h.search({
			pageLimit: 2,
			sort: [{ field: 'firstNameLowerCase', direction: 'asc' }],
			searchAfter: first.contacts[1].searchAfter,
		});
		expect(next.contacts.map((c) => c.firstNameLowerCase)).toEqual(['charlie', 'delta']);
		expect(next.total).toBe(5);
	});
});

describe('search: searchAfter across 1,200 contacts sharing one dateAdded millisecond', () => {
	it('visits every contact exactly once, in both directions, and with filters', () => {
		const h = new DomainHarness({ contacts: 30 });
		const { ids: bulk } = h.control('POST', '/bulk/contacts', {
			count: 1200,
			dateAdded: SAME_MS,
			tags: ['bulk'],
		}).body as { ids: string[] };
		for (const direction of ['asc', 'desc']) {
			const seen: string[] = [];
			let cursor: unknown;
			for (let guard = 0; guard < 20; guard++) {
				const page = h.search({
					pageLimit: 100,
					sort: [{ field: 'dateAdded', direction }],
					filters: [{ field: 'tags', operator: 'eq', value: 'bulk' }],
					...(cursor ? { searchAfter: cursor } : {}),
				});
				expect(page.total).toBe(1200);
				if (page.contacts.length === 0) break;
				seen.push(...ids(page));
				cursor = page.contacts[page.contacts.length - 1].searchAfter;
			}
			expect(seen).toHaveLength(1200);
			expect(new Set(seen)).toEqual(new Set(bulk));
		}
	});

	it('stays stable when contacts at the same millisecond arrive between pages', () => {
		const h = new DomainHarness({ contacts: 0 });
		h.control('POST', '/bulk/contacts', { count: 300, dateAdded: SAME_MS });
		const sort = [{ field: 'dateAdded', direction: 'asc' }];
		const first = h.search({ pageLimit: 150, sort });
		h.control('POST', '/bulk/contacts', { count: 50, dateAdded: SAME_MS });
		const cursor = first.contacts[149].searchAfter as [number, string];
		const rest = h.search({ pageLimit: 500, sort, searchAfter: cursor });
		// Nothing repeats; the page continues exactly after the cursor in (dateAdded, id) order.
		const firstIds = new Set(ids(first));
		expect(ids(rest).filter((id) => firstIds.has(id))).toEqual([]);
		const all = ids(h.search({ pageLimit: 500, sort }));
		expect(all).toHaveLength(350);
		expect(ids(rest)).toEqual(all.filter((id) => id > cursor[1]));
	});
});

describe('search: index lag', () => {
	it('shows a new contact only after the lag, while GET sees it at once', () => {
		const h = new DomainHarness({ contacts: 5, indexLagMs: 3000 });
		const { contact } = h.ok(
			'create-contact',
			{ body: { locationId: 'locSbxMain000000000A', firstName: 'Lagging' } },
			201,
		);
		const find = () =>
			h.search({ pageLimit: 10, filters: [{ field: 'id', operator: 'eq', value: contact.id }] });
		expect(find().total).toBe(0);
		expect(h.ok('get-contact', { params: { contactId: contact.id } }).contact.firstName).toBe(
			'Lagging',
		);
		h.clock.advance(2999);
		expect(find().total).toBe(0);
		h.clock.advance(1);
		expect(ids(find())).toEqual([contact.id]);
	});

	it('serves the previous version of a changed contact until the lag has passed', () => {
		const h = new DomainHarness({ contacts: 5, indexLagMs: 3000 });
		const contact = h.seedContact({ firstName: 'Before' });
		h.clock.advance(3000);
		h.ok('update-contact', { params: { contactId: contact.id }, body: { firstName: 'After' } });
		h.clock.advance(1000);
		h.ok('update-contact', { params: { contactId: contact.id }, body: { lastName: 'Later' } });
		const view = () =>
			h.search({ pageLimit: 10, filters: [{ field: 'id', operator: 'eq', value: contact.id }] })
				.contacts[0];
		expect(view()).toMatchObject({ firstName: 'Before' });
		expect(
			h.search({
				pageLimit: 10,
				filters: [{ field: 'firstNameLowerCase', operator: 'eq', value: 'after' }],
			}).total,
		).toBe(0);
		h.clock.advance(2000);
		expect(view()).toMatchObject({ firstName: 'After' });
		expect(view().lastName).toBeUndefined();
		h.clock.advance(1000);
		expect(view()).toMatchObject({
			firstName: 'After',
			lastName: 'Later',
			dateUpdated: new Date(START + 4000).toISOString(),
		});
	});

	it('keeps a deleted contact in search until the lag has passed', () => {
		const h = new DomainHarness({ contacts: 5, indexLagMs: 500 });
		const victim = h.search({ pageLimit: 1 }).contacts[0];
		h.ok('delete-contact', { params: { contactId: victim.id } });
		expect(h.search({ pageLimit: 10 }).total).toBe(5);
		h.clock.advance(500);
		expect(h.search({ pageLimit: 10 }).total).toBe(4);
		expect(ids(h.search({ pageLimit: 10 }))).not.toContain(victim.id);
	});
});

describe('search: a range on the sort field', () => {
	// The search scans only the block of the sorted order such a range leaves; the same range
	// inside an AND group is checked contact by contact over the whole location.
	const h = new DomainHarness({ contacts: 1500 });
	h.control('POST', '/bulk/contacts', { count: 40, dateAdded: SAME_MS, tags: ['bulk'] });
	const bounded = (body: Record<string, unknown>, wrapped: boolean) => {
		const filters = (body.filters as Array<Record<string, unknown>>).map((filter) =>
			wrapped && filter.operator === 'range' ? { group: 'AND', filters: [filter] } : filter,
		);
		return h.search({ ...body, filters });
	};
	const at = Date.parse(SAME_MS);
	const ranges: Array<Record<string, number>> = [
		{ gte: at },
		{ gt: at },
		{ lte: at },
		{ lt: at },
		{ gte: at, lte: at },
		{ gt: at - 5 * 86_400_000, lt: at + 3 * 86_400_000 },
		{ gte: at + 1, lt: at },
		{ lt: 0 },
	];

	it('answers as a check of every contact does: same contacts, order and total', () => {
		let compared = 0;
		for (const field of ['dateAdded', 'dateUpdated']) {
			for (const direction of ['asc', 'desc']) {
				for (const value of ranges) {
					for (const extra of [[], [{ field: 'tags', operator: 'eq', value: 'bulk' }]]) {
						const sort = [{ field: 'dateAdded', direction }];
						const filters = [
							{ field, operator: 'range', value },
							...extra,
							// A second range on the field, looser than the first.
							{ field, operator: 'range', value: { gte: 0 } },
						];
						const first = bounded({ pageLimit: 25, sort, filters }, true);
						expect(bounded({ pageLimit: 25, sort, filters }, false)).toEqual(first);
						expect(bounded({ pageLimit: 25, page: 3, sort, filters }, false)).toEqual(
							bounded({ pageLimit: 25, page: 3, sort, filters }, true),
						);
						// A cursor inside the range, and one from a contact outside it.
						const outside = h.search({ pageLimit: 1, sort }).contacts[0];
						for (const cursor of [first.contacts[10]?.searchAfter, outside.searchAfter]) {
							if (cursor === undefined) continue;
							const body = { pageLimit: 25, sort, filters, searchAfter: cursor };
							expect(bounded(body, false)).toEqual(bounded(body, true));
						}
						compared += 1;
					}
				}
			}
		}
		expect(compared).toBe(2 * 2 * ranges.length * 2);
		const within = h.search({
			pageLimit: 500,
			filters: [{ field: 'dateAdded', operator: 'range', value: { gte: at, lte: at } }],
		});
		expect(within.total).toBe(40);
	});
});
