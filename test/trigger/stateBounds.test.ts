import type { IDataObject } from 'n8n-workflow';

import { control, useSandbox } from '../support/ghl';
import { bulkContacts, createContact, ids, poll, sandboxNow, trigger } from './support';

const sandbox = useSandbox({
	contacts: 0,
	rateLimit: { burst: 10_000, windowMs: 10_000, daily: 1_000_000 },
});

interface StoredCursor {
	at: number;
	seen: Record<string, string[]>;
	floor?: number;
}

const cursorOf = (session: { nodeStaticData(): IDataObject }, stream: string) =>
	(session.nodeStaticData().ghlContactsTrigger as Record<string, StoredCursor>)[stream];
const keysIn = (cursor: StoredCursor) => Object.values(cursor.seen).flat().length;

describe('the dedup record is bounded by time, not by a count', () => {
	it('emits a contact 50 s late after an import of 5,200 contacts over 52 s', async () => {
		const session = await trigger(sandbox(), { events: ['newContact'] });
		expect(await session.poll()).toBeNull();
		const start = (await sandboxNow(sandbox())) + 1_000;
		for (let second = 0; second < 52; second++) {
			await bulkContacts(sandbox(), 100, { dateAdded: start + second * 1_000 });
		}
		expect(await poll(session)).toHaveLength(5_200);
		const cursor = cursorOf(session, 'newContacts');
		expect(keysIn(cursor)).toBe(5_200);
		expect(cursor.floor).toBeUndefined();

		// Stamped 50 s before the newest, well inside the 120 s allowance, searchable only now.
		const late = await createContact(sandbox(), { dateAdded: start + 51_000 - 50_000 });
		expect(ids(await poll(session))).toEqual([late.id]);
		expect(await session.poll()).toBeNull();
	}, 120_000);

	it('keeps 6,000 contacts of one millisecond apart, and emits none twice', async () => {
		const session = await trigger(sandbox(), { events: ['newContact'] });
		expect(await session.poll()).toBeNull();
		const at = (await sandboxNow(sandbox())) + 1_000;
		const imported = await bulkContacts(sandbox(), 6_000, { dateAdded: at });
		const emitted = await poll(session);
		expect(new Set(ids(emitted)).size).toBe(6_000);
		expect(cursorOf(session, 'newContacts').seen[String(at)]).toHaveLength(6_000);
		expect(await session.poll()).toBeNull();
		expect(ids(emitted).sort()).toEqual([...imported].sort());
	}, 120_000);
});

describe('a burst of 10,000 contacts inside one lag allowance', () => {
	const burstSandbox = useSandbox({
		contacts: 0,
		rateLimit: { burst: 10_000, windowMs: 10_000, daily: 1_000_000 },
	});

	it('stays under 350 KB after a burst of 10,000 new and changed contacts', async () => {
		const session = await trigger(burstSandbox(), { events: ['newContact', 'contactUpdated'] });
		expect(await session.poll()).toBeNull();
		const at = (await sandboxNow(burstSandbox())) + 1_000;
		const imported = await bulkContacts(burstSandbox(), 10_000, { dateAdded: at, dateUpdated: at });
		expect(await poll(session)).toHaveLength(10_000);
		await control(burstSandbox(), 'POST', '/clock', { advanceMs: 2_000 });
		for (const id of imported.slice(0, 2_000)) {
			await control(burstSandbox(), 'PATCH', `/contacts/${id}`, { tags: ['burst'] });
		}
		const changed = await poll(session);
		expect(changed.map((item) => item.event)).toEqual(Array(2_000).fill('contactUpdated'));
		const size = JSON.stringify(session.nodeStaticData()).length;
		expect(size).toBeLessThan(350_000);
	}, 180_000);
});
