import {
	DomainHarness,
	MAIN_LOCATION_ID,
	OTHER_LOCATION_ID,
	OWNER_USER_ID,
	START,
} from './domainHarness';

const YEAR = 365 * 86400000;

function snapshot(h: DomainHarness) {
	const contacts = h.search({
		pageLimit: 500,
		sort: [{ field: 'dateAdded', direction: 'asc' }],
	}).contacts;
	return {
		contacts,
		tasks: h.ok('task-search', { params: { locationId: MAIN_LOCATION_ID }, body: { limit: 10000 } })
			.tasks,
		notes: contacts
			.slice(0, 40)
			.map((c) => h.ok('get-all-notes', { params: { contactId: c.id } }).notes),
		fields: h.ok('get-custom-fields', { params: { locationId: MAIN_LOCATION_ID } }).customFields,
		users: h.ok('get-user-by-location', { query: { locationId: MAIN_LOCATION_ID } }).users,
	};
}

describe('seed', () => {
	it('is deterministic: the same seed and clock give the same world; another seed does not', () => {
		const a = snapshot(new DomainHarness({ seed: 7, contacts: 120 }));
		const b = snapshot(new DomainHarness({ seed: 7, contacts: 120 }));
		const c = snapshot(new DomainHarness({ seed: 8, contacts: 120 }));
		expect(b).toEqual(a);
		expect(c.contacts.map((x) => x.id)).not.toEqual(a.contacts.map((x) => x.id));
	});

	it('seeds a realistic main location', () => {
		const h = new DomainHarness({ contacts: 250 });
		const { contacts, total } = h.search({ pageLimit: 500 });
		expect(total).toBe(250);
		for (const contact of contacts) {
			expect(contact.id).toMatch(/^[A-Za-z0-9]{20}$/);
			const added = Date.parse(contact.dateAdded);
			expect(added).toBeLessThanOrEqual(START);
			expect(added).toBeGreaterThanOrEqual(START - YEAR);
			expect(Date.parse(contact.dateUpdated)).toBeGreaterThanOrEqual(added);
			if (contact.phone) expect(contact.phone).toMatch(/^\+1\d{10}$/);
		}
		const sameMs = new Set(contacts.map((c) => c.dateAdded)).size;
		expect(sameMs).toBeLessThan(250);
		expect(contacts.filter((c) => c.tags.length > 0).length).toBeGreaterThan(50);
		expect(contacts.filter((c) => c.customFields.length > 0).length).toBeGreaterThan(50);
		expect(contacts.filter((c) => c.followers.length > 0).length).toBeGreaterThan(50);
		expect(new Set(contacts.map((c) => c.email).filter(Boolean)).size).toBe(
			contacts.filter((c) => c.email).length,
		);

		const { tasks } = h.ok('task-search', {
			params: { locationId: MAIN_LOCATION_ID },
			body: { limit: 1000 },
		});
		const due = tasks
			.filter((t: { completed: boolean }) => !t.completed)
			.map((t: { dueDate: string }) => Date.parse(t.dueDate));
		expect(due.some((d: number) => d < START)).toBe(true);
		expect(due.some((d: number) => d > START && d < START + 7 * 86400000)).toBe(true);
		expect(tasks.some((t: { completed: boolean }) => t.completed)).toBe(true);
		expect(tasks.some((t: { assignedTo?: string }) => t.assignedTo)).toBe(true);
	});

	it('seeds users (owner first), workflows, campaigns, businesses, tags and typed custom fields', () => {
		const h = new DomainHarness({ contacts: 10 });
		const q = { query: { locationId: MAIN_LOCATION_ID } };
		const { users } = h.ok('get-user-by-location', q);
		expect(users.length).toBeGreaterThanOrEqual(5);
		expect(users[0]).toMatchObject({ id: OWNER_USER_ID, roles: { role: 'admin' } });
		expect(h.ok('get-workflow', q).workflows.map((w: { status: string }) => w.status)).toEqual(
			expect.arrayContaining(['published', 'draft']),
		);
		const campaigns = h.ok('get-campaigns', q).campaigns;
		expect(campaigns.length).toBeGreaterThan(1);
		expect(
			h
				.ok('get-campaigns', { query: { locationId: MAIN_LOCATION_ID, status: 'draft' } })
				.campaigns.every((c: { status: string }) => c.status === 'draft'),
		).toBe(true);
		const businesses = h.ok('get-businesses-by-location', q).businesses;
		expect(businesses.length).toBeGreaterThan(3);
		expect(
			h.ok('get-businesses-by-location', {
				query: { locationId: MAIN_LOCATION_ID, limit: '2', skip: '1' },
			}).businesses,
		).toEqual(businesses.slice(1, 3));
		expect(
			h.ok('get-location-tags', { params: { locationId: MAIN_LOCATION_ID } }).tags.length,
		).toBeGreaterThanOrEqual(10);
		const contactFields = h.ok('get-custom-fields', {
			params: { locationId: MAIN_LOCATION_ID },
			query: { model: 'contact' },
		}).customFields;
		expect(contactFields.map((f: { dataType: string }) => f.dataType)).toEqual(
			expect.arrayContaining([
				'TEXT',
				'LARGE_TEXT',
				'NUMERICAL',
				'MONETORY',
				'CHECKBOX',
				'SINGLE_OPTIONS',
				'MULTIPLE_OPTIONS',
				'DATE',
			]),
		);
		expect(
			contactFields.every(
				(f: { model: string; fieldKey: string }) =>
					f.model === 'contact' && f.fieldKey.startsWith('contact.'),
			),
		).toBe(true);
		const all = h.ok('get-custom-fields', {
			params: { locationId: MAIN_LOCATION_ID },
		}).customFields;
		expect(all.length).toBe(contactFields.length + 1);
	});

	it('seeds about 20 contacts in the other location, visible only to its token', () => {
		const h = new DomainHarness({ contacts: 10 });
		const other = h.ok('search-contacts-advanced', {
			body: { locationId: OTHER_LOCATION_ID, pageLimit: 100 },
			locationId: OTHER_LOCATION_ID,
		});
		expect(other.total).toBe(20);
		expect(
			other.contacts.every((c: { locationId: string }) => c.locationId === OTHER_LOCATION_ID),
		).toBe(true);
		expect(h.search({ pageLimit: 100 }).total).toBe(10);
	});

	it('reset() goes back to the seed', () => {
		const h = new DomainHarness({ contacts: 30 });
		const before = snapshot(h);
		const created = h.ok(
			'create-contact',
			{ body: { locationId: MAIN_LOCATION_ID, firstName: 'Temp' } },
			201,
		).contact;
		h.ok('delete-contact', { params: { contactId: before.contacts[0].id } });
		h.domain.reset();
		expect(h.fail('get-contact', { params: { contactId: created.id } }).status).toBe(400);
		expect(snapshot(h)).toEqual(before);
	});

	it('loads 50,000 contacts and searches them', () => {
		const h = new DomainHarness({ contacts: 50000 });
		const stats = h.control('GET', '/stats').body as { contactsByLocation: Record<string, number> };
		expect(stats.contactsByLocation[MAIN_LOCATION_ID]).toBe(50000);
		const page = h.search({ pageLimit: 500, filters: [{ field: 'tags', operator: 'exists' }] });
		expect(page.contacts).toHaveLength(500);
		expect(page.total).toBeGreaterThan(20000);
		expect(page.total).toBeLessThan(50000);
	});
});
