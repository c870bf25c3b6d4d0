import { startSandbox } from '../../sandbox/server';
import type { LoggedRequest, RunningSandbox } from '../../sandbox/types';
import { call, control, someContactId } from './support/api';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ contacts: 5 });
});
afterAll(async () => {
	await sandbox?.close();
});

const INVALID_TOKEN = {
	statusCode: 401,
	message: 'Invalid token: access token is invalid',
	error: 'Unauthorized',
};
const SCOPE = {
	statusCode: 401,
	message: 'The token is not authorized for this scope.',
	error: 'Unauthorized',
};
const FORBIDDEN = {
	statusCode: 403,
	message: 'The token does not have access to this location.',
	error: 'Forbidden',
};

async function lastLogged(): Promise<LoggedRequest> {
	const log = (await control(sandbox, 'GET', '/log')).body as LoggedRequest[];
	return log[log.length - 1];
}

async function duplicateByEmail(email: string): Promise<unknown> {
	const query = new URLSearchParams({ locationId: sandbox.mainLocationId, email });
	const reply = await call(sandbox, 'GET', `/contacts/search/duplicate?${query}`);
	expect(reply.status).toBe(200);
	return reply.body.contact;
}

describe('authentication', () => {
	it('answers 401 without a token, with an unknown one, and with a revoked or expired one', async () => {
		const id = await someContactId(sandbox);
		expect(await call(sandbox, 'GET', `/contacts/${id}`, { token: null })).toMatchObject({
			status: 401,
			body: INVALID_TOKEN,
		});
		expect(await call(sandbox, 'GET', `/contacts/${id}`, { token: 'pit-nope' })).toMatchObject({
			status: 401,
			body: INVALID_TOKEN,
		});

		const created = await control(sandbox, 'POST', '/tokens', {
			scopes: ['contacts.readonly'],
			locationId: sandbox.mainLocationId,
		});
		expect(created.status).toBe(201);
		const token = created.body.token as string;
		expect((await call(sandbox, 'GET', `/contacts/${id}`, { token })).status).toBe(200);
		await control(sandbox, 'POST', `/tokens/${token}/expire`);
		expect(await call(sandbox, 'GET', `/contacts/${id}`, { token })).toMatchObject({
			status: 401,
			body: INVALID_TOKEN,
		});

		const other = (
			await control(sandbox, 'POST', '/tokens', {
				scopes: ['contacts.readonly'],
				locationId: sandbox.mainLocationId,
			})
		).body.token as string;
		expect((await control(sandbox, 'DELETE', `/tokens/${other}`)).status).toBe(200);
		expect((await call(sandbox, 'GET', `/contacts/${id}`, { token: other })).status).toBe(401);
	});

	it('requires Version 2021-07-28 and names the header and value when it is missing or wrong', async () => {
		const id = await someContactId(sandbox);
		for (const version of [null, '2021-04-15']) {
			const reply = await call(sandbox, 'GET', `/contacts/${id}`, { version });
			expect(reply.status).toBe(400);
			expect(reply.body.statusCode).toBe(400);
			expect(reply.body.message).toMatch(/Version/);
			expect(reply.body.message).toMatch(/2021-07-28/);
		}
	});
});

describe('scopes', () => {
	it('lets a read-only token read and refuses its write, which then does not happen', async () => {
		const id = await someContactId(sandbox);
		const { readOnly } = sandbox.tokens;
		expect((await call(sandbox, 'GET', `/contacts/${id}`, { token: readOnly })).status).toBe(200);

		const email = 'scope.refused@example.com';
		const refused = await call(sandbox, 'POST', '/contacts/', {
			token: readOnly,
			body: { locationId: sandbox.mainLocationId, email },
		});
		expect(refused).toMatchObject({ status: 401, body: SCOPE });
		expect(await duplicateByEmail(email)).toBeNull();
	});

	it('requires contacts.write on the bulk routes, whose spec declares no scope', async () => {
		const body = { locationId: sandbox.mainLocationId, contacts: [], tags: ['x'] };
		const refused = await call(sandbox, 'POST', '/contacts/bulk/tags/update/add', {
			token: sandbox.tokens.readOnly,
			body,
		});
		expect(refused).toMatchObject({ status: 401, body: SCOPE });
		const allowed = await call(sandbox, 'POST', '/contacts/bulk/tags/update/add', { body });
		expect(allowed.status).toBe(201);
	});
});

describe('location', () => {
	it('refuses another location in the query or the body, and does not create', async () => {
		const query = new URLSearchParams({ locationId: sandbox.otherLocationId });
		expect(await call(sandbox, 'GET', `/contacts/?${query}`)).toMatchObject({
			status: 403,
			body: FORBIDDEN,
		});
		const email = 'elsewhere@example.com';
		const created = await call(sandbox, 'POST', '/contacts/', {
			body: { locationId: sandbox.otherLocationId, email },
		});
		expect(created).toMatchObject({ status: 403, body: FORBIDDEN });
		expect(await duplicateByEmail(email)).toBeNull();
	});

	it('refuses another location in the path', async () => {
		const reply = await call(sandbox, 'GET', `/locations/${sandbox.otherLocationId}/customFields`);
		expect(reply).toMatchObject({ status: 403, body: FORBIDDEN });
	});
});

describe('routing', () => {
	it('answers unknown routes like NestJS', async () => {
		expect(await call(sandbox, 'GET', '/nope/here')).toMatchObject({
			status: 404,
			body: { statusCode: 404, message: 'Cannot GET /nope/here', error: 'Not Found' },
		});
		// A method the path does not have is an unknown route too.
		expect((await call(sandbox, 'PATCH', '/contacts/abc')).body.message).toBe(
			'Cannot PATCH /contacts/abc',
		);
	});

	it('accepts add and remove as the bulk tags type, nothing else', async () => {
		const body = { locationId: sandbox.mainLocationId, contacts: [], tags: ['x'] };
		expect(
			(await call(sandbox, 'POST', '/contacts/bulk/tags/update/remove', { body })).status,
		).toBe(201);
		expect(
			(await call(sandbox, 'POST', '/contacts/bulk/tags/update/toggle', { body })).status,
		).toBe(404);
	});

	it('prefers literal segments over parameters', async () => {
		const id = await someContactId(sandbox);
		const loc = sandbox.mainLocationId;
		const cases: Array<[string, string, unknown, string]> = [
			['POST', '/contacts/search', { locationId: loc, pageLimit: 1 }, 'search-contacts-advanced'],
			[
				'GET',
				`/contacts/search/duplicate?locationId=${loc}&email=a%40b.c`,
				undefined,
				'get-duplicate-contact',
			],
			[
				'DELETE',
				`/contacts/${id}/campaigns/removeAll`,
				undefined,
				'remove-contact-from-every-campaign',
			],
			[
				'GET',
				`/contacts/business/someBusiness?locationId=${loc}`,
				undefined,
				'get-contacts-by-businessId',
			],
			[
				'POST',
				'/contacts/upsert',
				{ locationId: loc, email: 'literal@example.com' },
				'upsert-contact',
			],
			['GET', `/contacts/${id}`, undefined, 'get-contact'],
		];
		for (const [method, path, body, operationId] of cases) {
			const reply = await call(sandbox, method, path, { body });
			expect(reply.status).toBeLessThan(300);
			expect(await lastLogged()).toMatchObject({ method, operationId });
		}
	});

	it('ignores a trailing slash and decodes path parameters once', async () => {
		const query = `?locationId=${sandbox.mainLocationId}&limit=1`;
		for (const path of ['/contacts', '/contacts/']) {
			expect((await call(sandbox, 'GET', `${path}${query}`)).status).toBe(200);
			expect((await lastLogged()).operationId).toBe('get-contacts');
		}
		const id = await someContactId(sandbox);
		expect((await call(sandbox, 'GET', `/contacts/${id}/`)).body.contact.id).toBe(id);
		const reply = await call(sandbox, 'GET', '/contacts/a%2520b');
		expect(reply.body).toEqual({ statusCode: 400, message: 'Contact with id a%20b not found' });
	});
});
