import {
	DomainHarness,
	MAIN_LOCATION_ID,
	OTHER_LOCATION_ID,
	OWNER_USER_ID,
	START,
} from './domainHarness';

const DAY = 86400000;

describe('tasks', () => {
	let h: DomainHarness;
	let contactId: string;
	beforeEach(() => {
		h = new DomainHarness({ contacts: 10 });
		contactId = h.seedContact({ firstName: 'Tasked' }).id;
	});
	const params = (taskId?: string) => ({ contactId, ...(taskId ? { taskId } : {}) });

	it('creates (201), reads, lists, updates, completes and deletes a task', () => {
		const { task } = h.ok(
			'create-task',
			{
				params: params(),
				body: {
					title: 'Call Ada',
					body: 'About the invoice',
					dueDate: '2026-06-03T09:00:00Z',
					completed: false,
					assignedTo: OWNER_USER_ID,
				},
			},
			201,
		);
		expect(task).toEqual({
			id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
			title: 'Call Ada',
			body: 'About the invoice',
			assignedTo: OWNER_USER_ID,
			dueDate: '2026-06-03T09:00:00.000Z',
			completed: false,
			contactId,
		});
		expect(h.ok('get-task', { params: params(task.id) })).toEqual({ task });
		const later = h.ok(
			'create-task',
			{
				params: params(),
				body: { title: 'Later', dueDate: '2026-07-01T00:00:00Z', completed: false },
			},
			201,
		).task;
		expect(
			h.ok('get-all-tasks', { params: params() }).tasks.map((t: { id: string }) => t.id),
		).toEqual([task.id, later.id]);
		const updated = h.ok('update-task', {
			params: params(task.id),
			body: { title: 'Call Ada again', body: null },
		}).task;
		expect(updated).toMatchObject({ title: 'Call Ada again', completed: false });
		expect(updated.body).toBeUndefined();
		expect(
			h.ok('update-task-completed', { params: params(task.id), body: { completed: true } }).task
				.completed,
		).toBe(true);
		expect(h.ok('delete-task', { params: params(task.id) })).toEqual({ succeded: true });
		expect(
			h.ok('get-all-tasks', { params: params() }).tasks.map((t: { id: string }) => t.id),
		).toEqual([later.id]);
	});

	it('requires title, dueDate and completed, and a readable dueDate', () => {
		const missing = h.fail('create-task', { params: params(), body: { body: 'x' } });
		expect([missing.status, missing.messages]).toEqual([
			422,
			['title should not be empty', 'dueDate should not be empty', 'completed should not be empty'],
		]);
		const badDate = h.fail('create-task', {
			params: params(),
			body: { title: 't', dueDate: 'someday', completed: false },
		});
		expect(badDate.messages).toEqual(['dueDate must be a valid ISO 8601 date string']);
		const badCompleted = h.fail('update-task-completed', {
			params: params(
				h.ok(
					'create-task',
					{ params: params(), body: { title: 't', dueDate: START, completed: false } },
					201,
				).task.id,
			),
			body: { completed: 'yes' },
		});
		expect(badCompleted.status).toBe(422);
	});

	it('answers 400 for an unknown task or a task of another contact, 403 across locations', () => {
		const other = h.seedContact({ firstName: 'Other' });
		const { task } = h.ok(
			'create-task',
			{ params: { contactId: other.id }, body: { title: 't', dueDate: START, completed: false } },
			201,
		);
		for (const op of ['get-task', 'update-task', 'delete-task']) {
			const error = h.fail(op, { params: params(task.id), body: {} });
			expect([error.status, error.messages]).toEqual([400, `Task with id ${task.id} not found`]);
		}
		const foreign = h.seedContact({ locationId: OTHER_LOCATION_ID });
		expect(
			h.fail('create-task', {
				params: { contactId: foreign.id },
				body: { title: 't', dueDate: START, completed: false },
			}).status,
		).toBe(403);
	});
});

describe('task search (POST /locations/{locationId}/tasks/search)', () => {
	const h = new DomainHarness({ contacts: 0 });
	const a = h.seedContact({ firstName: 'A', businessId: 'biz00000000000000001' }).id;
	const b = h.seedContact({ firstName: 'B' }).id;
	const make = (
		contactId: string,
		title: string,
		dueInDays: number,
		completed: boolean,
		assignedTo?: string,
	) =>
		h.ok(
			'create-task',
			{
				params: { contactId },
				body: { title, dueDate: START + dueInDays * DAY, completed, assignedTo },
			},
			201,
		).task;
	const t1 = make(a, 'Send proposal', 2, false, 'userX000000000000000');
	const t2 = make(a, 'Call back', -1, true);
	const t3 = make(b, 'Send invoice', 1, false, 'userY000000000000000');
	h.seedContact({ locationId: OTHER_LOCATION_ID });
	const search = (body: Record<string, unknown>) =>
		h
			.ok('task-search', { params: { locationId: MAIN_LOCATION_ID }, body })
			.tasks.map((t: { id: string }) => t.id);

	it('returns task objects with contactId, ordered by due date', () => {
		const { tasks } = h.ok('task-search', { params: { locationId: MAIN_LOCATION_ID }, body: {} });
		expect(tasks.map((t: { id: string }) => t.id)).toEqual([t2.id, t3.id, t1.id]);
		expect(tasks[0]).toEqual(t2);
		expect(tasks[0].contactId).toBe(a);
	});

	it('filters by contactId, completed, assignedTo, query and businessId', () => {
		expect(search({ contactId: [a] })).toEqual([t2.id, t1.id]);
		expect(search({ completed: false })).toEqual([t3.id, t1.id]);
		expect(search({ assignedTo: ['userY000000000000000'] })).toEqual([t3.id]);
		expect(search({ query: 'send' })).toEqual([t3.id, t1.id]);
		expect(search({ businessId: 'biz00000000000000001', completed: false })).toEqual([t1.id]);
	});

	it('pages with limit and skip', () => {
		expect(search({ limit: 2 })).toEqual([t2.id, t3.id]);
		expect(search({ limit: 2, skip: 2 })).toEqual([t1.id]);
		expect(
			h.fail('task-search', { params: { locationId: MAIN_LOCATION_ID }, body: { limit: 0 } })
				.status,
		).toBe(422);
	});
});

describe('notes and appointments', () => {
	let h: DomainHarness;
	let contactId: string;
	beforeEach(() => {
		h = new DomainHarness({ contacts: 10 });
		contactId = h.seedContact({ firstName: 'Noted' }).id;
	});

	it('creates (201), reads, lists newest first, updates and deletes a note', () => {
		const { note } = h.ok(
			'create-note',
			{
				params: { contactId },
				body: { body: 'First call went well', title: 'Call', color: '#FFAA00', pinned: true },
			},
			201,
		);
		expect(note).toEqual({
			id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
			body: 'First call went well',
			userId: OWNER_USER_ID,
			dateAdded: new Date(START).toISOString(),
			contactId,
			title: 'Call',
			color: '#FFAA00',
			pinned: true,
		});
		h.clock.advance(1000);
		const second = h.ok(
			'create-note',
			{ params: { contactId }, body: { body: 'Second' } },
			201,
		).note;
		expect(second.pinned).toBe(false);
		expect(
			h.ok('get-all-notes', { params: { contactId } }).notes.map((n: { id: string }) => n.id),
		).toEqual([second.id, note.id]);
		expect(h.ok('get-note', { params: { contactId, id: note.id } })).toEqual({ note });
		expect(
			h.ok('update-note', {
				params: { contactId, id: note.id },
				body: { body: 'Edited', pinned: false },
			}).note,
		).toMatchObject({ body: 'Edited', pinned: false, title: 'Call' });
		expect(h.ok('delete-note', { params: { contactId, id: note.id } })).toEqual({ succeded: true });
		const gone = h.fail('get-note', { params: { contactId, id: note.id } });
		expect([gone.status, gone.messages]).toEqual([400, `Note with id ${note.id} not found`]);
	});

	it('requires a note body and a hex colour', () => {
		expect(h.fail('create-note', { params: { contactId }, body: { title: 'x' } }).messages).toEqual(
			['body should not be empty'],
		);
		expect(
			h.fail('create-note', { params: { contactId }, body: { body: 'x', color: 'red' } }).messages,
		).toEqual(['color must be a hexadecimal color']);
	});

	it('lists the appointments of seeded contacts as events', () => {
		const seeded = new DomainHarness({ contacts: 80 });
		const contacts = seeded.search({ pageLimit: 100 }).contacts;
		const withEvents = contacts
			.map((c) => seeded.ok('get-appointments-for-contact', { params: { contactId: c.id } }).events)
			.filter((events: unknown[]) => events.length > 0);
		expect(withEvents.length).toBeGreaterThan(0);
		expect(withEvents[0][0]).toMatchObject({
			id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
			locationId: MAIN_LOCATION_ID,
			startTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
			users: [expect.any(String)],
		});
		expect(h.ok('get-appointments-for-contact', { params: { contactId } })).toEqual({ events: [] });
	});
});
