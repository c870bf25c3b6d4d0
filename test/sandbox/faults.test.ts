import { startSandbox } from '../../sandbox/server';
import type { FaultRule, LoggedRequest, RunningSandbox } from '../../sandbox/types';
import { call, control } from './support/api';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ contacts: 3 });
});
afterAll(async () => {
	await sandbox?.close();
});
beforeEach(async () => {
	await control(sandbox, 'POST', '/reset');
});

async function faults(settings: {
	schedule?: FaultRule[];
	errorRate?: number;
	resetRate?: number;
}) {
	const reply = await control(sandbox, 'PUT', '/faults', settings);
	expect(reply.status).toBe(200);
}

const search = () =>
	call(sandbox, 'POST', '/contacts/search', {
		body: { locationId: sandbox.mainLocationId, pageLimit: 1 },
	});

const create = (email: string) =>
	call(sandbox, 'POST', '/contacts/', { body: { locationId: sandbox.mainLocationId, email } });

async function exists(email: string): Promise<boolean> {
	const query = new URLSearchParams({ locationId: sandbox.mainLocationId, email });
	const reply = await call(sandbox, 'GET', `/contacts/search/duplicate?${query}`);
	return reply.body.contact !== null;
}

describe('scripted faults', () => {
	it('fails the 3rd search call with 503 and lets the others through', async () => {
		await faults({
			schedule: [{ operationId: 'search-contacts-advanced', nth: 3, fault: 503 }],
		});
		const statuses: number[] = [];
		for (let i = 0; i < 4; i++) statuses.push((await search()).status);
		expect(statuses).toEqual([200, 200, 503, 200]);
		// Other operations do not count towards the rule.
		expect(await exists('nobody@example.com')).toBe(false);
		await faults({ schedule: [{ operationId: 'search-contacts-advanced', nth: 1, fault: 502 }] });
		const failed = await search();
		expect(failed.body).toEqual({ statusCode: 502, message: 'Bad Gateway', error: 'Bad Gateway' });
		expect(failed.headers.get('x-ratelimit-remaining')).not.toBeNull();
	});

	it('does not run the handler of a faulted write', async () => {
		await faults({ schedule: [{ operationId: 'create-contact', fault: 503 }] });
		expect((await create('never.written@example.com')).status).toBe(503);
		expect(await exists('never.written@example.com')).toBe(false);
	});

	it('runs the handler first when the rule says the response is lost after it', async () => {
		await faults({ schedule: [{ operationId: 'create-contact', fault: 503, afterHandler: true }] });
		expect((await create('written.anyway@example.com')).status).toBe(503);
		expect(await exists('written.anyway@example.com')).toBe(true);
	});

	it('fires a rule `times` times, then the calls succeed', async () => {
		await faults({ schedule: [{ operationId: '*', fault: 500, times: 2 }] });
		const statuses = [(await search()).status, (await search()).status, (await search()).status];
		expect(statuses).toEqual([500, 500, 200]);
	});

	it('is cleared by a reset', async () => {
		await faults({ schedule: [{ operationId: '*', fault: 500, times: 100 }] });
		expect((await search()).status).toBe(500);
		await control(sandbox, 'POST', '/reset');
		expect((await search()).status).toBe(200);
	});
});

describe('dropped connections', () => {
	it('resets the connection', async () => {
		await faults({ schedule: [{ operationId: 'search-contacts-advanced', fault: 'reset' }] });
		await expect(search()).rejects.toThrow(/fetch failed/);
		expect((await search()).status).toBe(200);
	});

	it('hangs until the client gives up, and logs the request without a status', async () => {
		await faults({ schedule: [{ operationId: 'search-contacts-advanced', fault: 'hang' }] });
		const hung = call(sandbox, 'POST', '/contacts/search', {
			body: { locationId: sandbox.mainLocationId, pageLimit: 1 },
			signal: AbortSignal.timeout(200),
		});
		await expect(hung).rejects.toMatchObject({ name: 'TimeoutError' });
		const log = (await control(sandbox, 'GET', '/log')).body as LoggedRequest[];
		expect(log[log.length - 1]).toMatchObject({
			operationId: 'search-contacts-advanced',
			status: 0,
		});
	});
});

describe('random faults', () => {
	it('come from a seeded PRNG: the same settings replay the same sequence', async () => {
		const run = async () => {
			await faults({ errorRate: 0.5 });
			const statuses: number[] = [];
			for (let i = 0; i < 12; i++) statuses.push((await search()).status);
			return statuses;
		};
		const first = await run();
		expect(first).toContain(200);
		expect(first.some((s) => [500, 502, 503, 504].includes(s))).toBe(true);
		expect(await run()).toEqual(first);
	});

	it('resets every connection at rate 1', async () => {
		await faults({ resetRate: 1 });
		await expect(search()).rejects.toThrow(/fetch failed/);
	});
});

describe('latency', () => {
	it('holds the answer back by the configured latency', async () => {
		await control(sandbox, 'PUT', '/config', { latency: { fixedMs: 3_000, randomMs: 0 } });
		try {
			const slow = call(sandbox, 'POST', '/contacts/search', {
				body: { locationId: sandbox.mainLocationId, pageLimit: 1 },
				signal: AbortSignal.timeout(300),
			});
			await expect(slow).rejects.toMatchObject({ name: 'TimeoutError' });
		} finally {
			await control(sandbox, 'PUT', '/config', { latency: { fixedMs: 0 } });
		}
		// Without latency, the same request answers well within that time.
		const fast = await call(sandbox, 'POST', '/contacts/search', {
			body: { locationId: sandbox.mainLocationId, pageLimit: 1 },
			signal: AbortSignal.timeout(2_000),
		});
		expect(fast.status).toBe(200);
	});
});
