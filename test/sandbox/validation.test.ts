import { createDomain } from '../../sandbox/domain';
import { startSandbox } from '../../sandbox/server';
import type { RunningSandbox } from '../../sandbox/types';
import { validateResponse } from '../../sandbox/validation';
import { call, someContactId } from './support/api';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ contacts: 3 });
});
afterAll(async () => {
	await sandbox?.close();
});

function unprocessable(message: string[]) {
	return { status: 422, body: { statusCode: 422, message, error: 'Unprocessable Entity' } };
}

async function taskCount(contactId: string): Promise<number> {
	return (await call(sandbox, 'GET', `/contacts/${contactId}/tasks`)).body.tasks.length;
}

describe('request bodies', () => {
	it('takes custom fields by key or id, numbers for numeric fields, and text birth dates', async () => {
		const fields = (await call(sandbox, 'GET', `/locations/${sandbox.mainLocationId}/customFields`))
			.body.customFields as Array<{ id: string; fieldKey: string; dataType: string }>;
		const numeric = fields.find((field) => field.dataType === 'NUMERICAL')!;
		const text = fields.find((field) => field.dataType === 'TEXT')!;
		const created = await call(sandbox, 'POST', '/contacts/', {
			body: {
				locationId: sandbox.mainLocationId,
				email: 'birthday@example.com',
				dateOfBirth: '09/25/1990',
				customFields: [
					{ id: numeric.id, field_value: 12 },
					{ key: text.fieldKey, field_value: 'by key' },
				],
			},
		});
		expect(created.status).toBe(201);
		expect(created.body.contact.dateOfBirth).toMatch(/^1990-09-25/);
		expect(created.body.contact.customFields).toEqual(
			expect.arrayContaining([
				{ id: numeric.id, value: 12 },
				{ id: text.id, value: 'by key' },
			]),
		);
		const noKey = await call(sandbox, 'POST', '/contacts/', {
			body: { locationId: sandbox.mainLocationId, customFields: [{ field_value: 'x' }] },
		});
		expect(noKey.status).toBe(422);
		const badDate = await call(sandbox, 'POST', '/contacts/', {
			body: { locationId: sandbox.mainLocationId, dateOfBirth: 'last spring' },
		});
		expect(badDate.status).toBe(422);
		expect(badDate.body.message[0]).toMatch(/^dateOfBirth must match/);
	});

	it('lists every missing required field, and the handler does not run', async () => {
		const id = await someContactId(sandbox);
		const before = await taskCount(id);
		const reply = await call(sandbox, 'POST', `/contacts/${id}/tasks`, { body: {} });
		expect(reply.status).toBe(422);
		expect([...reply.body.message].sort()).toEqual([
			'completed should not be empty',
			'dueDate should not be empty',
			'title should not be empty',
		]);
		expect(await taskCount(id)).toBe(before);
	});

	it('names wrong types, empty required strings and unknown properties', async () => {
		const id = await someContactId(sandbox);
		const wrong = await call(sandbox, 'POST', `/contacts/${id}/tasks`, {
			body: { title: '', dueDate: 7, completed: 'yes', foo: 1 },
		});
		expect(wrong.status).toBe(422);
		expect([...wrong.body.message].sort()).toEqual([
			'completed must be a boolean value',
			'dueDate must be a string',
			'property foo should not exist',
			'title should not be empty',
		]);
		expect(
			await call(sandbox, 'POST', `/contacts/${id}/tags`, { body: { tags: ['ok', 3] } }),
		).toEqual(expect.objectContaining(unprocessable(['each value in tags must be a string'])));
	});

	it('checks emails on contacts and a required body on notes', async () => {
		const created = await call(sandbox, 'POST', '/contacts/', {
			body: { locationId: sandbox.mainLocationId, email: 'not-an-email' },
		});
		expect(created).toMatchObject(unprocessable(['email must be an email']));
		const id = await someContactId(sandbox);
		expect(await call(sandbox, 'POST', `/contacts/${id}/notes`, { body: {} })).toMatchObject(
			unprocessable(['body should not be empty']),
		);
	});

	it('holds the search body to the documented shape', async () => {
		const loc = sandbox.mainLocationId;
		const search = (body: unknown) => call(sandbox, 'POST', '/contacts/search', { body });
		expect(await search({ locationId: loc, pageLimit: 501 })).toMatchObject(
			unprocessable(['pageLimit must not be greater than 500']),
		);
		expect(await search({})).toMatchObject(
			unprocessable(['locationId should not be empty', 'pageLimit should not be empty']),
		);
		expect(await search({ locationId: loc, pageLimit: 5, query: 'x'.repeat(76) })).toMatchObject(
			unprocessable(['query must be shorter than or equal to 75 characters']),
		);
		expect(
			await search({
				locationId: loc,
				pageLimit: 5,
				sort: [{ field: 'dateAdded', direction: 'up' }],
			}),
		).toMatchObject(
			unprocessable(['sort.0.direction must be one of the following values: asc, desc']),
		);
		expect(await search({ locationId: loc, pageLimit: 5, pageSize: 5 })).toMatchObject(
			unprocessable(['property pageSize should not exist']),
		);
		expect((await search({ locationId: loc, pageLimit: 500 })).status).toBe(200);
	});

	it('answers 400 to a body that is not JSON', async () => {
		const response = await fetch(new URL('/contacts/search', sandbox.url), {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${sandbox.tokens.readWrite}`,
				Version: '2021-07-28',
				'Content-Type': 'application/json',
			},
			body: '{"locationId":',
		});
		expect(response.status).toBe(400);
		expect(await response.json()).toMatchObject({ statusCode: 400 });
	});
});

describe('query parameters', () => {
	it('requires the declared ones and reads numbers from strings', async () => {
		expect(await call(sandbox, 'GET', '/contacts/?limit=5')).toMatchObject(
			unprocessable(['locationId should not be empty']),
		);
		const loc = sandbox.mainLocationId;
		expect(await call(sandbox, 'GET', `/contacts/?locationId=${loc}&limit=many`)).toMatchObject(
			unprocessable(['limit must be a number conforming to the specified constraints']),
		);
		expect((await call(sandbox, 'GET', `/contacts/?locationId=${loc}&limit=2`)).status).toBe(200);
	});
});

describe('response validation', () => {
	it('turns a handler body outside the spec into a 500 listing the problems', async () => {
		const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
		const broken = await startSandbox(
			{ contacts: 2 },
			{
				domain: (options, clock) => {
					const real = createDomain(options, clock);
					const handlers = {
						...real.handlers,
						'get-contact': () => ({ status: 200, body: { contact: 'not an object' } }),
					};
					return { ...real, handlers };
				},
			},
		);
		try {
			const reply = await call(broken, 'GET', '/contacts/anything');
			expect(reply.status).toBe(500);
			expect(reply.body.problems).toEqual([expect.stringContaining('/contact must be object')]);
			expect(errors).toHaveBeenCalledWith(expect.stringContaining('get-contact'));
			await fetch(new URL('/__sandbox/config', broken.url), {
				method: 'PUT',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ validateResponses: false }),
			});
			expect(await call(broken, 'GET', '/contacts/anything')).toMatchObject({
				status: 200,
				body: { contact: 'not an object' },
			});
		} finally {
			errors.mockRestore();
			await broken.close();
		}
	});

	it('is exported for tests, with the documented exceptions to the spec', () => {
		expect(validateResponse('get-contact', 200, { contact: { id: 'abc', tags: ['x'] } })).toEqual(
			[],
		);
		expect(validateResponse('get-contact', 200, { contact: { id: 5 } })).toEqual([
			expect.stringContaining('/contact/id must be string'),
		]);
		// The spec types task-search items as arrays; real ones are objects.
		expect(validateResponse('task-search', 200, { tasks: [{ id: 't1' }] })).toEqual([]);
		expect(validateResponse('search-contacts-advanced', 200, { contacts: [] })).toEqual([
			expect.stringContaining("must have required property 'total'"),
		]);
		expect(
			validateResponse('create-association', 201, {
				succeded: true,
				errorCount: 1,
				responses: [{ contactId: 'x', message: 'contact is deleted', type: 'error' }],
			}),
		).toEqual([]);
		expect(validateResponse('get-duplicate-contact', 200, { contact: null })).toEqual([]);
	});
});
