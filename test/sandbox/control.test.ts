import { startSandbox } from '../../sandbox/server';
import type { LoggedRequest, RunningSandbox } from '../../sandbox/types';
import { call, control, someContactId } from './support/api';
import { authorizationCode, REDIRECT_URI, tokenRequest } from './support/oauth';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ contacts: 4 });
});
afterAll(async () => {
	await sandbox?.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
});

async function log(since?: number): Promise<LoggedRequest[]> {
	const reply = await control(sandbox, 'GET', since === undefined ? '/log' : `/log?since=${since}`);
	expect(reply.status).toBe(200);
	return reply.body as LoggedRequest[];
}

describe('request log', () => {
	it('records GHL requests with their operation and status, not control calls', async () => {
		const id = await someContactId(sandbox);
		await call(sandbox, 'PUT', `/contacts/${id}?trace=1`, { body: { city: 'Lisbon' } });
		const entries = await log();
		expect(entries).toHaveLength(2);
		expect(entries[1]).toMatchObject({
			method: 'PUT',
			path: `/contacts/${id}`,
			query: { trace: '1' },
			body: { city: 'Lisbon' },
			operationId: 'update-contact',
			status: 200,
		});
		expect(typeof entries[1].at).toBe('number');
		expect(await log(1)).toEqual([entries[1]]);

		expect((await control(sandbox, 'DELETE', '/log')).status).toBe(200);
		expect(await log()).toEqual([]);
	});

	it('never holds a token, client secret, code or refresh token', async () => {
		const id = await someContactId(sandbox);
		await call(sandbox, 'GET', `/contacts/${id}`, { token: sandbox.tokens.readOnly });
		const code = await authorizationCode(sandbox);
		const issued = await tokenRequest(sandbox, {
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT_URI,
		});
		const refreshed = await tokenRequest(sandbox, {
			grant_type: 'refresh_token',
			refresh_token: issued.body.refresh_token,
		});
		await call(sandbox, 'GET', `/contacts/${id}`, { token: refreshed.body.access_token });

		const entries = await log();
		const text = JSON.stringify(entries);
		const secrets = [
			sandbox.tokens.readWrite,
			sandbox.tokens.readOnly,
			sandbox.oauthClient.clientSecret,
			code,
			issued.body.access_token,
			issued.body.refresh_token,
			refreshed.body.access_token,
		];
		for (const secret of secrets) expect(text).not.toContain(secret);
		expect(entries[1].headers.authorization).toBe(
			`Bearer <redacted:${sandbox.tokens.readOnly.slice(-4)}>`,
		);
		const exchange = entries.find(
			(e) => (e.body as { grant_type?: string })?.grant_type === 'authorization_code',
		);
		expect(exchange).toMatchObject({
			path: '/oauth/token',
			status: 200,
			body: {
				client_id: sandbox.oauthClient.clientId,
				client_secret: '<redacted>',
				code: '<redacted>',
			},
		});
		expect(entries.map((e) => e.path)).toContain('/v2/oauth/chooselocation');
	});
});

describe('clock', () => {
	it('moves forward on request and can be set', async () => {
		const before = (await control(sandbox, 'GET', '/clock')).body.now as number;
		const advanced = await control(sandbox, 'POST', '/clock', { advanceMs: 3_600_000 });
		expect(advanced.body.now - before).toBeGreaterThanOrEqual(3_600_000);
		expect(advanced.body.now - before).toBeLessThan(3_600_000 + 60_000);

		const set = await control(sandbox, 'POST', '/clock', { set: '2030-01-02T03:04:05.000Z' });
		expect(set.body.iso.slice(0, 16)).toBe('2030-01-02T03:04');
		// Records made now carry the sandbox time.
		const created = await call(sandbox, 'POST', '/contacts/', {
			body: { locationId: sandbox.mainLocationId, email: 'future@example.com' },
		});
		expect(created.body.contact.dateAdded.slice(0, 10)).toBe('2030-01-02');
		expect((await control(sandbox, 'POST', '/clock', {})).status).toBe(400);
	});
});

describe('reset', () => {
	it('brings data, log, counters and tokens back to the start', async () => {
		const email = 'before.reset@example.com';
		const created = await call(sandbox, 'POST', '/contacts/', {
			body: { locationId: sandbox.mainLocationId, email },
		});
		expect(created.status).toBe(201);
		const token = (
			await control(sandbox, 'POST', '/tokens', {
				scopes: ['contacts.readonly'],
				locationId: sandbox.mainLocationId,
			})
		).body.token as string;
		const id = created.body.contact.id as string;
		expect((await call(sandbox, 'GET', `/contacts/${id}`, { token })).status).toBe(200);

		await control(sandbox, 'POST', '/reset');
		expect(await log()).toEqual([]);
		expect((await call(sandbox, 'GET', `/contacts/${id}`, { token })).status).toBe(401);
		const gone = await call(sandbox, 'GET', `/contacts/${id}`);
		expect(gone.status).toBe(400);
		// One request since the reset: the counters started again.
		expect(gone.headers.get('x-ratelimit-remaining')).toBe('99');
	});
});

describe('control API', () => {
	it('mounts the domain routes under the same prefix', async () => {
		const stats = await control(sandbox, 'GET', '/stats');
		expect(stats.status).toBe(200);
		expect(stats.body.contactsByLocation[sandbox.mainLocationId]).toBe(4);
	});

	it('answers unknown routes and bad input in the API style', async () => {
		expect(await control(sandbox, 'GET', '/nothing')).toMatchObject({
			status: 404,
			body: { statusCode: 404, message: 'Cannot GET /__sandbox/nothing', error: 'Not Found' },
		});
		const bad = await control(sandbox, 'PUT', '/faults', { errorRate: 2 });
		expect(bad.status).toBe(400);
		expect(bad.body.message).toMatch(/errorRate/);
		expect((await control(sandbox, 'PUT', '/config', { colour: 'red' })).status).toBe(400);
		expect((await control(sandbox, 'DELETE', '/tokens/unknown')).status).toBe(404);
	});

	it('adds an empty location that contacts and tokens can then use', async () => {
		const id = 'locSbxAdded00000000C';
		expect((await control(sandbox, 'POST', '/locations', { id })).status).toBe(201);
		expect((await control(sandbox, 'POST', '/locations', { id })).status).toBe(422);
		expect((await control(sandbox, 'POST', '/locations', { id: 'short' })).status).toBe(422);
		const { token } = (
			await control(sandbox, 'POST', '/tokens', { locationId: id, scopes: ['contacts.write'] })
		).body as { token: string };
		const created = await call(sandbox, 'POST', '/contacts/', {
			token,
			body: { locationId: id, firstName: 'Added' },
		});
		expect(created.status).toBe(201);
		expect((await control(sandbox, 'GET', '/stats')).body.contactsByLocation[id]).toBe(1);
	});

	it('changes the rate limits at runtime', async () => {
		const config = await control(sandbox, 'PUT', '/config', { rateLimit: { burst: 7 } });
		expect(config.body.rateLimit).toEqual({ burst: 7, windowMs: 10_000, daily: 200_000 });
		expect((await control(sandbox, 'GET', '/config')).body).toEqual(config.body);
		try {
			const id = await someContactId(sandbox);
			const reply = await call(sandbox, 'GET', `/contacts/${id}`);
			expect(reply.headers.get('x-ratelimit-max')).toBe('7');
		} finally {
			await control(sandbox, 'PUT', '/config', { rateLimit: { burst: 100 } });
		}
	});
});
