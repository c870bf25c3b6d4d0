import { NodeApiError } from 'n8n-workflow';

import { control, oauthCredential, pitCredential, useSandbox } from '../support/ghl';
import {
	advanceClock,
	bulkContacts,
	createContact,
	ids,
	patchContact,
	poll,
	problemsIn,
	requestsDuring,
	sandboxNow,
	scheduleFaults,
	trigger,
} from './support';

const sandbox = useSandbox({ contacts: 20 });

const newContacts = { events: ['newContact'] };

// Every contact a test creates is stamped with the sandbox clock, which only moves forward, as
// GHL's does: a contact stamped in the future would hide later ones from the next test's trigger.
afterEach(async () => {
	await scheduleFaults(sandbox(), []);
});

describe('New Contact', () => {
	it('emits nothing old on activation, then each new contact once, oldest first', async () => {
		const session = await trigger(sandbox(), newContacts);
		expect(await session.poll()).toBeNull();

		const first = await createContact(sandbox(), { firstName: 'Ada', email: 'ada@new.test' });
		await advanceClock(sandbox(), 5);
		const second = await createContact(sandbox(), { firstName: 'Bob', phone: '+14155550100' });
		const items = await poll(session);
		expect(ids(items)).toEqual([first.id, second.id]);
		expect(items[0]).toEqual({
			event: 'newContact',
			id: first.id,
			name: 'Ada',
			email: 'ada@new.test',
			tags: [],
			dateAdded: new Date(first.dateAdded as number).toISOString(),
		});
		expect(items[1]).toMatchObject({ event: 'newContact', phone: '+14155550100' });

		const quiet = await requestsDuring(sandbox(), async () =>
			expect(await session.poll()).toBeNull(),
		);
		expect(quiet.map((r) => r.operationId)).toEqual(['search-contacts-advanced']);
		expect(quiet[0].body).toMatchObject({
			sort: [{ field: 'dateAdded', direction: 'asc' }],
			pageLimit: 500,
			filters: [{ field: 'dateAdded', operator: 'range' }],
		});
	});

	it('tells apart many contacts created in the same millisecond, across polls', async () => {
		const session = await trigger(sandbox(), newContacts);
		await session.poll();
		const at = (await sandboxNow(sandbox())) + 1000;
		const firstBatch = await bulkContacts(sandbox(), 40, { dateAdded: at });
		expect(ids(await poll(session)).sort()).toEqual([...firstBatch].sort());
		const secondBatch = await bulkContacts(sandbox(), 25, { dateAdded: at });
		expect(ids(await poll(session)).sort()).toEqual([...secondBatch].sort());
		expect(await session.poll()).toBeNull();
		// The batches were stamped a second ahead: the clock passes them, so that no later test
		// finds them newer than its own contacts (a fast run did, and failed "since a date").
		await advanceClock(sandbox(), 1000);
	});

	it('pages with searchAfter through more new contacts than one page holds', async () => {
		const session = await trigger(sandbox(), newContacts);
		await session.poll();
		const created = await bulkContacts(sandbox(), 1234);
		let items: Awaited<ReturnType<typeof poll>> = [];
		const requests = await requestsDuring(sandbox(), async () => {
			items = await poll(session);
		});
		expect(items).toHaveLength(1234);
		expect(new Set(ids(items))).toEqual(new Set(created));
		expect(requests).toHaveLength(3);
		expect(requests[0].body).not.toHaveProperty('searchAfter');
		expect((requests[1].body as { searchAfter: unknown[] }).searchAfter).toHaveLength(2);
		expect(await session.poll()).toBeNull();
	});

	it('catches up on a large import in date ranges at once: each new contact once, oldest first', async () => {
		const session = await trigger(sandbox(), newContacts);
		await session.poll();
		const start = (await sandboxNow(sandbox())) + 1000;
		const created: string[] = [];
		// An import GHL stamps over a stretch of time, 500 contacts per millisecond step.
		for (let batch = 0; batch < 12; batch++) {
			created.push(...(await bulkContacts(sandbox(), 500, { dateAdded: start + batch * 10 })));
		}
		let items: Awaited<ReturnType<typeof poll>> = [];
		const requests = await requestsDuring(sandbox(), async () => {
			items = await poll(session);
		});
		expect(items).toHaveLength(6_000);
		expect(new Set(ids(items))).toEqual(new Set(created));
		const times = items.map((item) => Date.parse(String(item.dateAdded)));
		expect(times.every((time, i) => i === 0 || time >= times[i - 1])).toBe(true);
		// Beyond the first page: the newest contact, then parts of the range read at once.
		expect(requests[1].body).toMatchObject({ pageLimit: 1, sort: [{ direction: 'desc' }] });
		const parts = requests.filter(
			(request) => ((request.body as { filters: unknown[] }).filters ?? []).length === 2,
		);
		expect(parts.length).toBeGreaterThan(3);
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), 1000);
	});

	it('after a poll that fails half way, the next poll emits what it missed, once', async () => {
		const session = await trigger(sandbox(), newContacts);
		await session.poll();
		const created = await bulkContacts(sandbox(), 700);
		const before = session.nodeStaticData();
		await scheduleFaults(sandbox(), [
			{ operationId: 'search-contacts-advanced', nth: 2, fault: 500 },
		]);

		expect(await session.poll()).toBeNull();
		expect(problemsIn(session)).toEqual([
			expect.objectContaining({
				level: 'error',
				message: expect.stringContaining('Search Contacts failed'),
			}),
		]);
		expect(session.nodeStaticData()).toEqual(before);

		const items = await poll(session);
		expect(items).toHaveLength(700);
		expect(new Set(ids(items))).toEqual(new Set(created));
		expect(await session.poll()).toBeNull();
	});
});

describe('OAuth2 credential', () => {
	it('polls with a connected GHL OAuth2 credential', async () => {
		const session = await trigger(
			sandbox(),
			{ ...newContacts, authentication: 'oAuth2' },
			await oauthCredential(sandbox()),
		);
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), 1);
		const created = await createContact(sandbox());
		expect(ids(await poll(session))).toEqual([created.id]);
	});
});

describe('first poll options', () => {
	it('emits the contacts added since a date', async () => {
		const from = await sandboxNow(sandbox());
		await createContact(sandbox(), { dateAdded: from - 1 });
		const inRange = [await createContact(sandbox(), { dateAdded: from })];
		await advanceClock(sandbox(), 10);
		inRange.push(await createContact(sandbox()));
		const session = await trigger(sandbox(), {
			...newContacts,
			firstPoll: 'sinceDate',
			sinceDate: new Date(from).toISOString(),
		});
		expect(ids(await poll(session))).toEqual(inRange.map((c) => c.id));
		expect(await session.poll()).toBeNull();
	});

	it('emits the latest N, oldest first, and nothing of them again', async () => {
		const latest = [];
		for (let i = 0; i < 4; i++) {
			await advanceClock(sandbox(), 1);
			latest.push(await createContact(sandbox()));
		}
		const session = await trigger(sandbox(), {
			...newContacts,
			firstPoll: 'latest',
			latestCount: 3,
		});
		expect(ids(await poll(session))).toEqual(latest.slice(1).map((c) => c.id));
		expect(await session.poll()).toBeNull();
	});
});

describe('Fetch Test Event (manual mode)', () => {
	it('returns the newest contact and leaves the stored state untouched', async () => {
		const session = await trigger(sandbox(), {
			events: ['newContact', 'contactUpdated'],
			simple: false,
		});
		await session.poll();
		const stored = session.nodeStaticData();
		await advanceClock(sandbox(), 1000);
		const newest = await createContact(sandbox());
		const items = (await session.poll('manual')) ?? [];
		expect(items[0]).toMatchObject({
			event: 'newContact',
			id: newest.id,
			locationId: sandbox().mainLocationId,
		});
		expect(items[0]).not.toHaveProperty('searchAfter');
		expect(items.map((i) => i.event)).toEqual(['newContact', 'contactUpdated']);
		expect(session.nodeStaticData()).toEqual(stored);
		expect(ids(await poll(session))).toContain(newest.id);
	});
});

describe('Contact Updated', () => {
	it('emits each change once and not the creation', async () => {
		const session = await trigger(sandbox(), { events: ['contactUpdated'] });
		await session.poll();
		const contact = await createContact(sandbox(), { firstName: 'Upd' });
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), 1000);
		await patchContact(sandbox(), contact.id as string, { lastName: 'Once' });
		expect(await poll(session)).toEqual([
			expect.objectContaining({ event: 'contactUpdated', id: contact.id, name: 'Upd Once' }),
		]);
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), 1000);
		await patchContact(sandbox(), contact.id as string, { lastName: 'Twice' });
		expect(ids(await poll(session))).toEqual([contact.id]);
	});

	it('with watched fields, emits only their changes, with old and new values', async () => {
		const session = await trigger(sandbox(), {
			events: ['contactUpdated'],
			watchFields: ['tags', 'email'],
		});
		await session.poll();
		const contact = await createContact(sandbox(), { firstName: 'Watch', tags: ['lead'] });
		const id = contact.id as string;
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), 1000);
		await patchContact(sandbox(), id, { city: 'Berlin' });
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), 1000);
		await patchContact(sandbox(), id, { tags: ['customer', 'vip'] });
		const [item] = await poll(session);
		expect(item).toMatchObject({
			event: 'contactUpdated',
			id,
			changes: {
				tags: {
					old: ['lead'],
					new: ['customer', 'vip'],
					added: ['customer', 'vip'],
					removed: ['lead'],
				},
			},
		});
		expect(item.changes).not.toHaveProperty('email');
	});
});

describe('errors', () => {
	it('throws on the first poll, so activation reports it', async () => {
		await scheduleFaults(sandbox(), [{ operationId: 'search-contacts-advanced', fault: 500 }]);
		const session = await trigger(sandbox(), newContacts);
		await expect(session.poll()).rejects.toThrow('Search Contacts failed');
		expect(session.nodeStaticData()).toEqual({});
	});

	it('logs a transient failure on later polls, but throws an auth failure', async () => {
		const { token } = await control<{ token: string }>(sandbox(), 'POST', '/tokens', {
			scopes: ['contacts.readonly'],
			locationId: sandbox().mainLocationId,
		});
		const session = await trigger(
			sandbox(),
			newContacts,
			pitCredential(sandbox(), 'readOnly', { token }),
		);
		await session.poll();
		await scheduleFaults(sandbox(), [{ operationId: 'search-contacts-advanced', fault: 'reset' }]);
		expect(await session.poll()).toBeNull();
		expect(problemsIn(session)).toEqual([expect.objectContaining({ level: 'error' })]);

		await control(sandbox(), 'DELETE', `/tokens/${token}`);
		// GHL's own status, so that n8n's poll backoff can tell a refused credential.
		const error = (await session.poll().catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('Search Contacts failed');
		expect(error.httpCode).toBe('401');
		expect(problemsIn(session)).toHaveLength(1);
	});
});
