import { startSandbox } from '../../sandbox/server';
import type { RunningSandbox } from '../../sandbox/types';

/**
 * Every Contacts operation (and what the pickers and the trigger call) over HTTP, against a
 * sandbox that validates each response against the spec: a mismatch would come back as a 500.
 */
let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ contacts: 40, seed: 3, validateResponses: true, indexLagMs: 0 });
});
afterAll(async () => {
	await sandbox?.close();
});

interface Reply {
	status: number;
	body: any;
}

async function api(method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
	const response = await fetch(new URL(path, sandbox.url), {
		method,
		headers: {
			Authorization: `Bearer ${token ?? sandbox.tokens.readWrite}`,
			Version: '2021-07-28',
			Accept: 'application/json',
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const loc = () => sandbox.mainLocationId;
const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

async function newContact(fields: Record<string, unknown> = {}): Promise<string> {
	const reply = await api('POST', '/contacts/', { locationId: loc(), ...fields });
	expect(reply.status).toBe(201);
	return reply.body.contact.id;
}

describe('contacts', () => {
	it('create-contact (201), get-contact, update-contact, delete-contact', async () => {
		const created = await api('POST', '/contacts/', {
			locationId: loc(),
			firstName: 'Http',
			lastName: 'Person',
			email: 'http.person@example.com',
			phone: '+1 415 555 0900',
			tags: ['HTTP'],
		});
		expect(created.status).toBe(201);
		expect(created.body.contact).toMatchObject({
			firstName: 'Http',
			phone: '+14155550900',
			tags: ['http'],
		});
		const id = created.body.contact.id;
		const got = await api('GET', `/contacts/${id}`);
		expect(got).toMatchObject({ status: 200, body: { contact: { id, name: 'Http Person' } } });
		const updated = await api('PUT', `/contacts/${id}`, { tags: ['replaced'], city: 'Porto' });
		expect(updated).toMatchObject({
			status: 200,
			body: { succeded: true, contact: { tags: ['replaced'], city: 'Porto' } },
		});
		expect(await api('DELETE', `/contacts/${id}`)).toEqual({
			status: 200,
			body: { succeded: true },
		});
		const gone = await api('GET', `/contacts/${id}`);
		expect(gone).toEqual({
			status: 400,
			body: { statusCode: 400, message: `Contact with id ${id} not found` },
		});
	});

	it('custom fields in and out, typed by the field, and a 422 naming an unknown field', async () => {
		const fields = await api('GET', `/locations/${loc()}/customFields${q({ model: 'contact' })}`);
		const idOf = (key: string) =>
			fields.body.customFields.find((f: { fieldKey: string }) => f.fieldKey === key).id;
		const created = await api('POST', '/contacts/', {
			locationId: loc(),
			email: 'fields.http@example.com',
			customFields: [
				{ id: idOf('contact.employees'), field_value: '12' },
				{ id: idOf('contact.interests'), field_value: ['SEO'] },
			],
		});
		expect(created.status).toBe(201);
		const got = await api('GET', `/contacts/${created.body.contact.id}`);
		expect(got.status).toBe(200);
		expect(got.body.contact.customFields).toEqual(
			expect.arrayContaining([
				{ id: idOf('contact.employees'), value: 12 },
				{ id: idOf('contact.interests'), value: ['SEO'] },
			]),
		);
		const unknown = await api('POST', '/contacts/', {
			locationId: loc(),
			customFields: [{ id: 'NoSuchField000000000', field_value: 'x' }],
		});
		expect(unknown).toEqual({
			status: 422,
			body: {
				statusCode: 422,
				message: ['customFields: no custom field with id NoSuchField000000000'],
				error: 'Unprocessable Entity',
			},
		});
	});

	it('create-contact refuses a duplicate with meta', async () => {
		const id = await newContact({ email: 'dupe.http@example.com', firstName: 'Dupe' });
		const again = await api('POST', '/contacts/', {
			locationId: loc(),
			email: 'dupe.http@example.com',
		});
		expect(again.status).toBe(400);
		expect(again.body).toMatchObject({
			statusCode: 400,
			message: 'This location does not allow duplicated contacts.',
			meta: { contactId: id, contactName: 'Dupe', matchingField: 'email' },
		});
	});

	it('upsert-contact (200) and get-duplicate-contact', async () => {
		const first = await api('POST', '/contacts/upsert', {
			locationId: loc(),
			email: 'upsert.http@example.com',
			firstName: 'U',
		});
		expect(first).toMatchObject({ status: 200, body: { new: true, traceId: expect.any(String) } });
		const second = await api('POST', '/contacts/upsert', {
			locationId: loc(),
			email: 'upsert.http@example.com',
			lastName: 'Two',
		});
		expect(second).toMatchObject({
			status: 200,
			body: { new: false, contact: { id: first.body.contact.id, lastName: 'Two' } },
		});
		const dup = await api(
			'GET',
			`/contacts/search/duplicate${q({ locationId: loc(), email: 'upsert.http@example.com' })}`,
		);
		expect(dup).toMatchObject({ status: 200, body: { contact: { id: first.body.contact.id } } });
		const none = await api(
			'GET',
			`/contacts/search/duplicate${q({ locationId: loc(), email: 'nobody.http@example.com' })}`,
		);
		expect(none).toEqual({ status: 200, body: { contact: null } });
	});

	it('search-contacts-advanced with filters, sort and searchAfter', async () => {
		const body = {
			locationId: loc(),
			pageLimit: 10,
			sort: [{ field: 'dateAdded', direction: 'asc' }],
		};
		const page1 = await api('POST', '/contacts/search', body);
		expect(page1.status).toBe(200);
		expect(page1.body.contacts).toHaveLength(10);
		const last = page1.body.contacts[9];
		const page2 = await api('POST', '/contacts/search', { ...body, searchAfter: last.searchAfter });
		expect(page2.body.total).toBe(page1.body.total);
		expect(Date.parse(page2.body.contacts[0].dateAdded)).toBeGreaterThanOrEqual(
			Date.parse(last.dateAdded),
		);
		const tooBig = await api('POST', '/contacts/search', { locationId: loc(), pageLimit: 501 });
		expect(tooBig).toMatchObject({
			status: 422,
			body: { statusCode: 422, message: ['pageLimit must not be greater than 500'] },
		});
	});

	it('get-contacts (deprecated list) with meta, and get-contacts-by-businessId', async () => {
		const list = await api('GET', `/contacts/${q({ locationId: loc(), limit: '5' })}`);
		expect(list.status).toBe(200);
		expect(list.body.contacts).toHaveLength(5);
		expect(list.body.meta).toMatchObject({
			currentPage: 1,
			nextPage: 2,
			prevPage: null,
			startAfterId: list.body.contacts[4].id,
		});
		const { businesses } = (await api('GET', `/businesses/${q({ locationId: loc() })}`)).body;
		const businessId = businesses[0].id;
		const member = await newContact({ firstName: 'Member' });
		const bulk = await api('POST', '/contacts/bulk/business', {
			locationId: loc(),
			ids: [member],
			businessId,
		});
		expect(bulk).toEqual({ status: 200, body: { success: true, ids: [member] } });
		const byBusiness = await api(
			'GET',
			`/contacts/business/${businessId}${q({ locationId: loc(), limit: '100' })}`,
		);
		expect(byBusiness.status).toBe(200);
		expect(byBusiness.body.contacts.map((c: { id: string }) => c.id)).toContain(member);
	});
});

describe('tasks, notes, appointments', () => {
	it('all task operations', async () => {
		const contactId = await newContact({ firstName: 'Tasky' });
		const created = await api('POST', `/contacts/${contactId}/tasks`, {
			title: 'Call',
			dueDate: '2030-01-01T10:00:00Z',
			completed: false,
		});
		expect(created).toMatchObject({
			status: 201,
			body: { task: { title: 'Call', contactId, completed: false } },
		});
		const taskId = created.body.task.id;
		expect(await api('GET', `/contacts/${contactId}/tasks/${taskId}`)).toMatchObject({
			status: 200,
			body: { task: { id: taskId } },
		});
		expect(await api('GET', `/contacts/${contactId}/tasks`)).toMatchObject({
			status: 200,
			body: { tasks: [{ id: taskId }] },
		});
		expect(
			await api('PUT', `/contacts/${contactId}/tasks/${taskId}`, { title: 'Call again' }),
		).toMatchObject({ status: 200, body: { task: { title: 'Call again' } } });
		expect(
			await api('PUT', `/contacts/${contactId}/tasks/${taskId}/completed`, { completed: true }),
		).toMatchObject({ status: 200, body: { task: { completed: true } } });
		const found = await api('POST', `/locations/${loc()}/tasks/search`, { contactId: [contactId] });
		expect(found).toMatchObject({
			status: 200,
			body: { tasks: [{ id: taskId, contactId, completed: true }] },
		});
		expect(await api('DELETE', `/contacts/${contactId}/tasks/${taskId}`)).toEqual({
			status: 200,
			body: { succeded: true },
		});
		const missing = await api('GET', `/contacts/${contactId}/tasks/${taskId}`);
		expect(missing).toMatchObject({
			status: 400,
			body: { message: `Task with id ${taskId} not found` },
		});
	});

	it('all note operations and appointments', async () => {
		const contactId = await newContact({ firstName: 'Notey' });
		const created = await api('POST', `/contacts/${contactId}/notes`, {
			body: 'Hello',
			pinned: true,
		});
		expect(created).toMatchObject({
			status: 201,
			body: { note: { body: 'Hello', contactId, pinned: true } },
		});
		const id = created.body.note.id;
		expect(await api('GET', `/contacts/${contactId}/notes/${id}`)).toMatchObject({
			status: 200,
			body: { note: { id } },
		});
		expect(await api('GET', `/contacts/${contactId}/notes`)).toMatchObject({
			status: 200,
			body: { notes: [{ id }] },
		});
		expect(
			await api('PUT', `/contacts/${contactId}/notes/${id}`, { body: 'Edited' }),
		).toMatchObject({ status: 200, body: { note: { body: 'Edited' } } });
		expect(await api('DELETE', `/contacts/${contactId}/notes/${id}`)).toEqual({
			status: 200,
			body: { succeded: true },
		});
		expect(await api('GET', `/contacts/${contactId}/appointments`)).toEqual({
			status: 200,
			body: { events: [] },
		});
	});
});

describe('tags, followers, campaigns, workflows', () => {
	it('add-tags (201), remove-tags (DELETE with body), bulk tags (201 with per-contact errors)', async () => {
		const contactId = await newContact({ tags: ['a'] });
		expect(await api('POST', `/contacts/${contactId}/tags`, { tags: ['b'] })).toEqual({
			status: 201,
			body: { tags: ['a', 'b'] },
		});
		expect(await api('DELETE', `/contacts/${contactId}/tags`, { tags: ['a'] })).toEqual({
			status: 200,
			body: { tags: ['b'] },
		});
		const bulk = await api('POST', '/contacts/bulk/tags/update/add', {
			locationId: loc(),
			contacts: [contactId, 'nope'],
			tags: ['c'],
		});
		expect(bulk.status).toBe(201);
		expect(bulk.body).toMatchObject({
			errorCount: 1,
			responses: [
				{ contactId, type: 'success' },
				{ contactId: 'nope', type: 'error' },
			],
		});
		const removed = await api('POST', '/contacts/bulk/tags/update/remove', {
			locationId: loc(),
			contacts: [contactId],
			tags: ['c'],
		});
		expect(removed).toMatchObject({ status: 201, body: { succeded: true, errorCount: 0 } });
	});

	it('followers (201 / DELETE with body)', async () => {
		const contactId = await newContact();
		const users = (await api('GET', `/users/${q({ locationId: loc() })}`)).body.users.map(
			(u: { id: string }) => u.id,
		);
		expect(
			await api('POST', `/contacts/${contactId}/followers`, { followers: users.slice(0, 2) }),
		).toEqual({
			status: 201,
			body: { followers: users.slice(0, 2), followersAdded: users.slice(0, 2) },
		});
		expect(
			await api('DELETE', `/contacts/${contactId}/followers`, { followers: [users[0]] }),
		).toEqual({
			status: 200,
			body: { followers: [users[1]], followersRemoved: [users[0]] },
		});
	});

	it('campaigns (201 / 200 / removeAll) and workflows (200, DELETE with body)', async () => {
		const contactId = await newContact();
		const campaignId = (await api('GET', `/campaigns/${q({ locationId: loc() })}`)).body
			.campaigns[0].id;
		const workflowId = (await api('GET', `/workflows/${q({ locationId: loc() })}`)).body
			.workflows[0].id;
		const ok = { succeded: true };
		expect(await api('POST', `/contacts/${contactId}/campaigns/${campaignId}`, {})).toEqual({
			status: 201,
			body: ok,
		});
		expect(await api('DELETE', `/contacts/${contactId}/campaigns/${campaignId}`)).toEqual({
			status: 200,
			body: ok,
		});
		expect(await api('DELETE', `/contacts/${contactId}/campaigns/removeAll`)).toEqual({
			status: 200,
			body: ok,
		});
		expect(
			await api('POST', `/contacts/${contactId}/workflow/${workflowId}`, {
				eventStartTime: '2030-06-23T03:30:00+01:00',
			}),
		).toEqual({ status: 200, body: ok });
		expect(await api('DELETE', `/contacts/${contactId}/workflow/${workflowId}`, {})).toEqual({
			status: 200,
			body: ok,
		});
	});
});

describe('pickers and location scope', () => {
	it('custom fields, tags, users, workflows, campaigns, businesses', async () => {
		const fields = await api('GET', `/locations/${loc()}/customFields${q({ model: 'contact' })}`);
		expect(fields.status).toBe(200);
		expect(fields.body.customFields.length).toBeGreaterThan(5);
		const tags = await api('GET', `/locations/${loc()}/tags`);
		expect(tags.body.tags[0]).toEqual({
			id: expect.any(String),
			name: expect.any(String),
			locationId: loc(),
		});
		for (const path of ['/users/', '/workflows/', '/campaigns/', '/businesses/']) {
			const reply = await api('GET', `${path}${q({ locationId: loc() })}`);
			expect([path, reply.status]).toEqual([path, 200]);
		}
	});

	it('a contact of another location answers 403', async () => {
		const other = await api(
			'POST',
			'/contacts/',
			{ locationId: sandbox.otherLocationId, firstName: 'Far' },
			sandbox.tokens.otherLocation,
		);
		expect(other.status).toBe(201);
		const reply = await api('GET', `/contacts/${other.body.contact.id}`);
		expect(reply).toMatchObject({
			status: 403,
			body: { message: 'The token does not have access to this location.' },
		});
	});
});
