import { startSandbox } from '../../sandbox/server';
import type { RunningSandbox } from '../../sandbox/types';
import { call, control } from './support/api';
import type { Reply } from './support/api';
import { oauthAccessToken, tokenRequest } from './support/oauth';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ contacts: 3 });
});
afterAll(async () => {
	await sandbox?.close();
});

async function limits(rateLimit: Record<string, number>, retryAfter = true): Promise<void> {
	await control(sandbox, 'POST', '/reset');
	const reply = await control(sandbox, 'PUT', '/config', { rateLimit, retryAfter });
	expect(reply.status).toBe(200);
}

/** A cheap read (contacts.readonly) in the token's own location. */
function read(token: string, locationId = sandbox.mainLocationId): Promise<Reply> {
	const query = new URLSearchParams({ locationId, email: 'nobody@example.com' });
	return call(sandbox, 'GET', `/contacts/search/duplicate?${query}`, { token });
}

function rate(reply: Reply) {
	const h = (name: string) => reply.headers.get(name);
	return {
		dailyLimit: h('x-ratelimit-limit-daily'),
		dailyRemaining: h('x-ratelimit-daily-remaining'),
		interval: h('x-ratelimit-interval-milliseconds'),
		max: h('x-ratelimit-max'),
		remaining: h('x-ratelimit-remaining'),
	};
}

const TOO_MANY = { statusCode: 429, message: 'Too Many Requests', error: 'Too Many Requests' };

describe('rate-limit headers', () => {
	it('come on every response, counting down for authenticated requests', async () => {
		await limits({ burst: 5, windowMs: 10_000, daily: 50 });
		const first = await read(sandbox.tokens.readWrite);
		expect(first.status).toBe(200);
		expect(rate(first)).toEqual({
			dailyLimit: '50',
			dailyRemaining: '49',
			interval: '10000',
			max: '5',
			remaining: '4',
		});
		// Refused after authentication: still counted.
		const wrongVersion = await call(sandbox, 'GET', '/contacts/x', { version: '2020-01-01' });
		expect(wrongVersion.status).toBe(400);
		expect(rate(wrongVersion)).toMatchObject({ dailyRemaining: '48', remaining: '3' });

		// Nobody to count: full budgets.
		const full = {
			dailyLimit: '50',
			dailyRemaining: '50',
			interval: '10000',
			max: '5',
			remaining: '5',
		};
		expect(rate(await call(sandbox, 'GET', '/contacts/x', { token: null }))).toEqual(full);
		expect(rate(await call(sandbox, 'GET', '/unknown'))).toEqual(full);
		const oauth = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: 'no' });
		expect(oauth.status).toBe(400);
		expect(rate(oauth)).toEqual(full);
	});
});

describe('burst', () => {
	it('answers 429 with Retry-After past the burst, and recovers when the window passes', async () => {
		await limits({ burst: 3, windowMs: 10_000, daily: 1000 });
		for (let i = 0; i < 3; i++) expect((await read(sandbox.tokens.readWrite)).status).toBe(200);
		const refused = await read(sandbox.tokens.readWrite);
		expect(refused).toMatchObject({ status: 429, body: TOO_MANY });
		expect(rate(refused).remaining).toBe('0');
		const retryAfter = Number(refused.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(10);

		await control(sandbox, 'POST', '/clock', { advanceMs: 10_000 });
		const again = await read(sandbox.tokens.readWrite);
		expect(again.status).toBe(200);
		expect(rate(again).remaining).toBe('2');
	});

	it('leaves Retry-After out when switched off', async () => {
		await limits({ burst: 1, windowMs: 10_000, daily: 1000 }, false);
		await read(sandbox.tokens.readWrite);
		const refused = await read(sandbox.tokens.readWrite);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBeNull();
	});

	it('counts per PIT and location: another token has its own burst', async () => {
		await limits({ burst: 2, windowMs: 10_000, daily: 1000 });
		const { readWrite, readOnly, otherLocation } = sandbox.tokens;
		await read(readWrite);
		await read(readWrite);
		expect((await read(readWrite)).status).toBe(429);
		expect((await read(readOnly)).status).toBe(200);
		expect((await read(otherLocation, sandbox.otherLocationId)).status).toBe(200);
	});

	it('counts per OAuth client and location: two access tokens share one burst', async () => {
		await limits({ burst: 3, windowMs: 10_000, daily: 1000 });
		const first = await oauthAccessToken(sandbox);
		const second = await oauthAccessToken(sandbox);
		expect((await read(first)).status).toBe(200);
		expect((await read(second)).status).toBe(200);
		expect((await read(first)).status).toBe(200);
		expect((await read(second)).status).toBe(429);
		// PITs of the same location are counted apart from the app.
		expect((await read(sandbox.tokens.readWrite)).status).toBe(200);
	});
});

describe('daily budget', () => {
	it('is shared by the PITs of a location and refills the next day', async () => {
		await limits({ burst: 100, windowMs: 10_000, daily: 3 });
		await control(sandbox, 'POST', '/clock', { set: '2026-06-01T23:59:00.000Z' });
		const { readWrite, readOnly, otherLocation } = sandbox.tokens;
		await read(readWrite);
		await read(readWrite);
		const last = await read(readOnly);
		expect(last.status).toBe(200);
		expect(rate(last).dailyRemaining).toBe('0');
		const refused = await read(readOnly);
		expect(refused).toMatchObject({ status: 429, body: TOO_MANY });
		expect(rate(refused).remaining).toBe('98');
		// Retry-After points at the next UTC midnight of the sandbox clock.
		expect(Number(refused.headers.get('retry-after'))).toBe(60);
		expect((await read(otherLocation, sandbox.otherLocationId)).status).toBe(200);

		await control(sandbox, 'POST', '/clock', { advanceMs: 86_400_000 });
		expect((await read(readWrite)).status).toBe(200);
	});
});
