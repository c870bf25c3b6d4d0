import { DomainHarness, MAIN_LOCATION_ID, OTHER_LOCATION_ID, START } from './domainHarness';

describe('tags', () => {
	let h: DomainHarness;
	beforeEach(() => {
		h = new DomainHarness({ contacts: 5 });
	});

	it('adds tags (201) and removes them with a DELETE body (200), returning all tags', () => {
		const contact = h.seedContact({ tags: ['old'] });
		h.clock.advance(10);
		expect(
			h.ok('add-tags', { params: { contactId: contact.id }, body: { tags: ['New', 'old'] } }, 201),
		).toEqual({ tags: ['old', 'new'] });
		expect(h.ok('get-contact', { params: { contactId: contact.id } }).contact.dateUpdated).toBe(
			new Date(START + 10).toISOString(),
		);
		expect(
			h.ok('remove-tags', { params: { contactId: contact.id }, body: { tags: ['OLD', 'absent'] } }),
		).toEqual({ tags: ['new'] });
		expect(
			h.fail('add-tags', { params: { contactId: contact.id }, body: { tags: 'x' } }).messages,
		).toEqual(['tags must be an array of strings']);
	});

	it('bulk-updates tags with per-contact errors inside a 201', () => {
		const a = h.seedContact({ tags: ['keep', 'x'] });
		const deleted = h.seedContact({});
		h.ok('delete-contact', { params: { contactId: deleted.id } });
		const foreign = h.seedContact({ locationId: OTHER_LOCATION_ID });
		const contacts = [a.id, deleted.id, foreign.id, 'Missing0000000000000', 'bad id'];
		const added = h.ok(
			'create-association',
			{
				params: { type: 'add' },
				body: { locationId: MAIN_LOCATION_ID, contacts, tags: ['Promo'] },
			},
			201,
		);
		expect(added).toEqual({
			succeded: false,
			errorCount: 4,
			responses: [
				{
					contactId: a.id,
					message: 'Tags added successfully',
					type: 'success',
					oldTags: ['keep', 'x'],
					tagsAdded: ['promo'],
				},
				{ contactId: deleted.id, message: 'contact is deleted', type: 'error' },
				{ contactId: foreign.id, message: 'contact does not belong to location', type: 'error' },
				{ contactId: 'Missing0000000000000', message: 'contact not found', type: 'error' },
				{ contactId: 'bad id', message: 'contact id is not a valid firebase id', type: 'error' },
			],
		});
		const removed = h.ok(
			'create-association',
			{
				params: { type: 'remove' },
				body: { locationId: MAIN_LOCATION_ID, contacts: [a.id], tags: ['x'] },
			},
			201,
		);
		expect(removed).toEqual({
			succeded: true,
			errorCount: 0,
			responses: [
				{
					contactId: a.id,
					message: 'Tags removed successfully',
					type: 'success',
					oldTags: ['keep', 'x', 'promo'],
					tagsRemoved: ['x'],
				},
			],
		});
		h.ok(
			'create-association',
			{
				params: { type: 'remove' },
				body: { locationId: MAIN_LOCATION_ID, contacts: [a.id], tags: [], removeAllTags: true },
			},
			201,
		);
		expect(h.ok('get-contact', { params: { contactId: a.id } }).contact.tags).toEqual([]);
		expect(
			h.fail('create-association', {
				params: { type: 'toggle' },
				body: { locationId: MAIN_LOCATION_ID, contacts: [], tags: [] },
			}).status,
		).toBe(422);
		expect(
			h.fail('create-association', {
				params: { type: 'add' },
				body: { locationId: OTHER_LOCATION_ID, contacts: [], tags: [] },
			}).status,
		).toBe(403);
	});
});

describe('followers, campaigns, workflows, businesses', () => {
	let h: DomainHarness;
	let contactId: string;
	beforeEach(() => {
		h = new DomainHarness({ contacts: 5 });
		contactId = h.seedContact({ followers: ['userA000000000000000'] }).id;
	});
	const firstOf = (op: string, key: string) =>
		h.ok(op, { query: { locationId: MAIN_LOCATION_ID } })[key][0].id as string;

	it('adds followers (201) and removes them with a DELETE body (200)', () => {
		expect(
			h.ok(
				'add-followers-contact',
				{
					params: { contactId },
					body: { followers: ['userA000000000000000', 'userB000000000000000'] },
				},
				201,
			),
		).toEqual({
			followers: ['userA000000000000000', 'userB000000000000000'],
			followersAdded: ['userB000000000000000'],
		});
		expect(
			h.ok('remove-followers-contact', {
				params: { contactId },
				body: { followers: ['userA000000000000000', 'userC000000000000000'] },
			}),
		).toEqual({
			followers: ['userB000000000000000'],
			followersRemoved: ['userA000000000000000'],
		});
		expect(h.ok('get-contact', { params: { contactId } }).contact.followers).toEqual([
			'userB000000000000000',
		]);
	});

	it('adds to a campaign (201), removes from it and from all campaigns (200)', () => {
		const campaignId = firstOf('get-campaigns', 'campaigns');
		expect(
			h.ok('add-contact-to-campaign', { params: { contactId, campaignId }, body: {} }, 201),
		).toEqual({ succeded: true });
		expect((h.control('GET', `/contacts/${contactId}`).body as any).contact.campaigns).toEqual([
			campaignId,
		]);
		expect(h.ok('remove-contact-from-campaign', { params: { contactId, campaignId } })).toEqual({
			succeded: true,
		});
		h.ok('add-contact-to-campaign', { params: { contactId, campaignId }, body: {} }, 201);
		expect(h.ok('remove-contact-from-every-campaign', { params: { contactId } })).toEqual({
			succeded: true,
		});
		expect((h.control('GET', `/contacts/${contactId}`).body as any).contact.campaigns).toEqual([]);
		const unknown = h.fail('add-contact-to-campaign', {
			params: { contactId, campaignId: 'NoCampaign0000000000' },
			body: {},
		});
		expect([unknown.status, unknown.messages]).toEqual([
			400,
			'Campaign with id NoCampaign0000000000 not found',
		]);
	});

	it('adds to a workflow (200, optional eventStartTime) and removes with a DELETE body', () => {
		const workflowId = firstOf('get-workflow', 'workflows');
		expect(
			h.ok('add-contact-to-workflow', {
				params: { contactId, workflowId },
				body: { eventStartTime: '2021-06-23T03:30:00+01:00' },
			}),
		).toEqual({ succeded: true });
		expect((h.control('GET', `/contacts/${contactId}`).body as any).contact.workflows).toEqual([
			workflowId,
		]);
		expect(
			h.ok('delete-contact-from-workflow', { params: { contactId, workflowId }, body: {} }),
		).toEqual({ succeded: true });
		expect((h.control('GET', `/contacts/${contactId}`).body as any).contact.workflows).toEqual([]);
		expect(
			h.fail('add-contact-to-workflow', {
				params: { contactId, workflowId },
				body: { eventStartTime: 'soon' },
			}).status,
		).toBe(422);
		expect(
			h.fail('add-contact-to-workflow', {
				params: { contactId, workflowId: 'NoWorkflow0000000000' },
				body: {},
			}).status,
		).toBe(400);
	});

	it('moves contacts into a business and out again; lists a business’s contacts', () => {
		const { businesses } = h.ok('get-businesses-by-location', {
			query: { locationId: MAIN_LOCATION_ID },
		});
		const businessId = businesses[0].id;
		const second = h.seedContact({}).id;
		const body = {
			locationId: MAIN_LOCATION_ID,
			ids: [contactId, second, 'Missing0000000000000'],
			businessId,
		};
		expect(h.ok('add-remove-contact-from-business', { body })).toEqual({
			success: true,
			ids: [contactId, second],
		});
		const listed = h.ok('get-contacts-by-businessId', {
			params: { businessId },
			query: { locationId: MAIN_LOCATION_ID, limit: '100' },
		});
		expect(listed.contacts.map((c: { id: string }) => c.id)).toEqual(
			expect.arrayContaining([contactId, second]),
		);
		expect(listed.count).toBe(listed.contacts.length);
		const paged = h.ok('get-contacts-by-businessId', {
			params: { businessId },
			query: { locationId: MAIN_LOCATION_ID, limit: '1', skip: '1' },
		});
		expect(paged.contacts).toEqual([listed.contacts[1]]);
		h.ok('add-remove-contact-from-business', {
			body: { ...body, ids: [contactId], businessId: null },
		});
		expect(h.ok('get-contact', { params: { contactId } }).contact.businessId).toBeUndefined();
		expect(
			h.fail('add-remove-contact-from-business', {
				body: { ...body, businessId: 'NoBusiness0000000000' },
			}).status,
		).toBe(400);
	});
});

describe('deprecated list GET /contacts/', () => {
	const h = new DomainHarness({ contacts: 45 });

	it('pages oldest first with the meta cursor until the end, without gaps or repeats', () => {
		const seen: string[] = [];
		let query: Record<string, string> = { locationId: MAIN_LOCATION_ID, limit: '20' };
		const pages: any[] = [];
		for (let guard = 0; guard < 10; guard++) {
			const page = h.ok('get-contacts', { query });
			pages.push(page);
			seen.push(...page.contacts.map((c: { id: string }) => c.id));
			if (!page.meta.nextPageUrl) break;
			query = Object.fromEntries(new URL(page.meta.nextPageUrl).searchParams);
		}
		expect(pages.map((p) => p.contacts.length)).toEqual([20, 20, 5]);
		expect(pages.map((p) => [p.meta.currentPage, p.meta.nextPage, p.meta.prevPage])).toEqual([
			[1, 2, null],
			[2, 3, 1],
			[3, null, 2],
		]);
		expect(pages[0]).toMatchObject({ count: 45, meta: { total: 45 } });
		expect(pages[0].meta.nextPageUrl).toMatch(/^http:\/\/sandbox\.test\/contacts\/\?/);
		expect(new Set(seen).size).toBe(45);
		const dates = pages.flatMap((p) =>
			p.contacts.map((c: { dateAdded: string }) => Date.parse(c.dateAdded)),
		);
		expect(dates).toEqual([...dates].sort((x, y) => x - y));
	});

	it('limits to 100 and filters with query', () => {
		expect(
			h.fail('get-contacts', { query: { locationId: MAIN_LOCATION_ID, limit: '101' } }).messages,
		).toEqual(['limit must not be greater than 100']);
		const someone = h.ok('get-contacts', { query: { locationId: MAIN_LOCATION_ID } }).contacts[0];
		const found = h.ok('get-contacts', {
			query: { locationId: MAIN_LOCATION_ID, query: someone.email },
		});
		expect(found.contacts.map((c: { id: string }) => c.id)).toContain(someone.id);
		expect(found.count).toBeLessThan(45);
	});
});
