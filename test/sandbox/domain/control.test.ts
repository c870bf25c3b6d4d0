import { DomainHarness, MAIN_LOCATION_ID, OTHER_LOCATION_ID, START } from './domainHarness';

describe('control routes', () => {
	let h: DomainHarness;
	beforeEach(() => {
		h = new DomainHarness({ contacts: 5 });
	});

	it('creates a contact at a chosen time, in any location, without the duplicate rule', () => {
		const first = h.control('POST', '/contacts', {
			email: 'same@example.com',
			dateAdded: '2025-12-24T18:00:00.000Z',
		});
		expect(first.status).toBe(201);
		const contact = (first.body as any).contact;
		expect(contact).toMatchObject({
			locationId: MAIN_LOCATION_ID,
			dateAdded: Date.parse('2025-12-24T18:00:00Z'),
			dateUpdated: Date.parse('2025-12-24T18:00:00Z'),
		});
		h.control('POST', '/contacts', { email: 'same@example.com' });
		const other = (
			h.control('POST', '/contacts', { locationId: OTHER_LOCATION_ID, type: 'customer' })
				.body as any
		).contact;
		expect(other).toMatchObject({
			locationId: OTHER_LOCATION_ID,
			type: 'customer',
			dateAdded: START,
		});
		expect(h.ok('get-contact', { params: { contactId: contact.id } }).contact.dateAdded).toBe(
			'2025-12-24T18:00:00.000Z',
		);
	});

	it('patches fields and dateUpdated, reads raw state and deletes', () => {
		const contact = h.seedContact({ firstName: 'Raw' });
		h.clock.advance(60000);
		const patched = h.control('PATCH', `/contacts/${contact.id}`, {
			lastName: 'Patched',
			tags: ['x'],
		}).body as any;
		expect(patched.contact).toMatchObject({
			firstName: 'Raw',
			lastName: 'Patched',
			tags: ['x'],
			dateUpdated: START + 60000,
		});
		h.control('PATCH', `/contacts/${contact.id}`, { dateUpdated: 1000 });
		expect((h.control('GET', `/contacts/${contact.id}`).body as any).contact.dateUpdated).toBe(
			1000,
		);
		expect(h.control('DELETE', `/contacts/${contact.id}`).status).toBe(200);
		expect(() => h.control('GET', `/contacts/${contact.id}`)).toThrow(
			`Contact ${contact.id} not found`,
		);
	});

	it('creates, changes and deletes tasks and creates notes', () => {
		const contactId = h.seedContact({}).id;
		const task = (
			h.control('POST', `/contacts/${contactId}/tasks`, {
				title: 'Ctl',
				dueDate: '2026-06-02T00:00:00Z',
				dateAdded: 5,
			}).body as any
		).task;
		expect(task).toMatchObject({
			title: 'Ctl',
			contactId,
			completed: false,
			dateAdded: 5,
			dueDate: Date.parse('2026-06-02T00:00:00Z'),
		});
		h.control('PATCH', `/contacts/${contactId}/tasks/${task.id}`, { completed: true });
		expect(h.ok('get-task', { params: { contactId, taskId: task.id } }).task.completed).toBe(true);
		h.control('DELETE', `/contacts/${contactId}/tasks/${task.id}`);
		expect(h.fail('get-task', { params: { contactId, taskId: task.id } }).status).toBe(400);
		const note = (
			h.control('POST', `/contacts/${contactId}/notes`, {
				body: 'Ctl note',
				dateAdded: '2026-01-01T00:00:00Z',
			}).body as any
		).note;
		expect(h.ok('get-note', { params: { contactId, id: note.id } }).note).toMatchObject({
			body: 'Ctl note',
			dateAdded: '2026-01-01T00:00:00.000Z',
		});
	});

	it('bulk-creates contacts sharing one timestamp and reports counts', () => {
		const before = h.control('GET', '/stats').body as any;
		const bulk = h.control('POST', '/bulk/contacts', {
			count: 25,
			dateAdded: '2026-05-05T05:05:05.005Z',
			source: 'bulk',
		}).body as any;
		expect(bulk.ids).toHaveLength(25);
		const after = h.control('GET', '/stats').body as any;
		expect(after.contacts - before.contacts).toBe(25);
		expect(after.contactsByLocation[MAIN_LOCATION_ID]).toBe(30);
		const found = h.search({
			pageLimit: 100,
			filters: [
				{ field: 'dateAdded', operator: 'eq', value: '2026-05-05T05:05:05.005Z' },
				{ field: 'source', operator: 'eq', value: 'bulk' },
			],
		});
		expect(found.total).toBe(25);
		expect(() => h.control('POST', '/bulk/contacts', { count: 0 })).toThrow(
			'count must be an integer from 1 to 100000',
		);
	});
});
