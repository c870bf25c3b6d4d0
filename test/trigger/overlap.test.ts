import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../support/ghl';
import { useInterceptProxy } from '../support/interceptProxy';
import { bulkContacts, createContact, createTask, ids, poll, trigger } from './support';

const sandbox = useSandbox({
	contacts: 5,
	rateLimit: { burst: 10_000, windowMs: 10_000, daily: 1_000_000 },
});
const { proxy, throughProxy } = useInterceptProxy(sandbox);
afterEach(() => {
	jest.restoreAllMocks();
});

const isSearch = (path: string) => path.startsWith('/contacts/search');

describe('overlapping polls', () => {
	it('emit each new contact once when a poll starts while the previous one still runs', async () => {
		const session = await trigger(sandbox(), { events: ['newContact'] }, throughProxy());
		expect(await session.poll()).toBeNull();
		const created = [await createContact(sandbox()), await createContact(sandbox())];

		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		let reached!: () => void;
		const holding = new Promise<void>((resolve) => (reached = resolve));
		proxy().intercept(async ({ path }) => {
			if (!isSearch(path)) return;
			proxy().intercept();
			reached();
			await held;
		});
		const slow = session.poll();
		await holding;
		// n8n's next tick, while the first poll waits for GHL.
		const overlapping = await session.poll();
		release();
		const first = (await slow) ?? [];
		const later = (await session.poll()) ?? [];

		expect(overlapping).toBeNull();
		expect(ids([...first, ...later] as IDataObject[])).toEqual(created.map((c) => c.id));
		expect(session.logs).toContainEqual(
			expect.objectContaining({ level: 'info', message: expect.stringContaining('skipped') }),
		);
	});
});

describe('a poll bounded in time', () => {
	it('stops reading when its time is up, keeps what it read, and goes on at the next poll', async () => {
		const session = await trigger(sandbox(), { events: ['newContact'] }, throughProxy());
		expect(await session.poll()).toBeNull();
		// 1,200 contacts in one millisecond: three pages of 500.
		const imported = await bulkContacts(sandbox(), 1_200);

		const searches: unknown[] = [];
		const realNow = Date.now;
		proxy().intercept(({ path, body }) => {
			if (!isSearch(path)) return;
			searches.push(body);
			// The first page took 30 s, as under GHL's rate limit: past the poll's read time.
			if (searches.length === 1)
				jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 30_000);
		});
		const first = await poll(session);
		expect(searches).toHaveLength(1);
		// One page of 500 (less the contacts of the window its first poll already recorded).
		expect(first.length).toBeGreaterThan(450);
		expect(first.length).toBeLessThanOrEqual(500);
		jest.restoreAllMocks();

		const rest = await poll(session);
		expect(new Set(ids([...first, ...rest])).size).toBe(1_200);
		expect(ids([...first, ...rest]).sort()).toEqual([...imported].sort());
		expect(await session.poll()).toBeNull();
	});

	it('sends no request past its 50 s deadline: a read GHL holds fails at the deadline', async () => {
		const owner = (await createContact(sandbox())).id as string;
		for (let i = 0; i < 101; i++) await createTask(sandbox(), owner);
		const session = await trigger(sandbox(), { events: ['newTask'] }, throughProxy());
		expect(await session.poll()).toBeNull();

		const realNow = Date.now;
		let pages = 0;
		proxy().intercept(async ({ path }) => {
			if (!path.endsWith('/tasks/search')) return;
			pages += 1;
			// The first page took 49.5 s; GHL then holds the second one for 5 s.
			if (pages === 1) jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 49_500);
			if (pages === 2) await new Promise((resolve) => setTimeout(resolve, 5_000));
		});
		const started = realNow();
		expect(await session.poll()).toBeNull();
		expect(realNow() - started).toBeLessThan(4_000);
		expect(pages).toBe(2);
		expect(session.logs).toContainEqual(
			expect.objectContaining({
				level: 'error',
				message: expect.stringContaining(
					'Search Tasks failed: GHL did not send its whole answer in time',
				),
			}),
		);
	});
});
