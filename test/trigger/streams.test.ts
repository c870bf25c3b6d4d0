import { useSandbox } from '../support/ghl';
import {
	advanceClock,
	createContact,
	eventsOf,
	ids,
	patchContact,
	poll,
	sandboxNow,
	trigger,
} from './support';

const sandbox = useSandbox({ contacts: 0 });
const DAY = 24 * 60 * 60 * 1000;

describe('a second change in the same millisecond', () => {
	it('is emitted, with its watched fields, though GHL stamped it like the first', async () => {
		const session = await trigger(sandbox(), {
			events: ['contactUpdated'],
			watchFields: ['tags'],
		});
		await session.poll();
		const contact = await createContact(sandbox(), { tags: ['lead'] });
		const id = contact.id as string;
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), 1000);
		const first = await patchContact(sandbox(), id, { tags: ['lead', 'call'] });
		expect(eventsOf(await poll(session))).toEqual([`contactUpdated:${id}`]);

		await patchContact(sandbox(), id, { tags: ['customer'], dateUpdated: first.dateUpdated });
		const [second] = await poll(session);
		expect(second).toMatchObject({
			event: 'contactUpdated',
			id,
			changes: { tags: { old: ['call', 'lead'], new: ['customer'] } },
		});
		// Re-read in the overlap window, unchanged: not again.
		expect(await session.poll()).toBeNull();
	});
});

describe('First Poll applies to the trigger’s first poll only', () => {
	it('a stream added later to a trigger that started from a date emits nothing old', async () => {
		const base = await sandboxNow(sandbox());
		const old = [
			await createContact(sandbox(), { dateAdded: base - 10 * DAY, dateUpdated: base - 5 * DAY }),
			await createContact(sandbox(), { dateAdded: base - 9 * DAY, dateUpdated: base - 4 * DAY }),
		];
		const since = { firstPoll: 'sinceDate', sinceDate: new Date(base - 30 * DAY).toISOString() };
		const session = await trigger(sandbox(), { events: ['newContact'], ...since });
		expect(ids(await poll(session))).toEqual(expect.arrayContaining(old.map((c) => c.id)));

		session.setParameters({ events: ['newContact', 'contactUpdated'], ...since });
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), 1000);
		await patchContact(sandbox(), old[0].id as string, { city: 'Lyon' });
		expect(eventsOf(await poll(session))).toEqual([`contactUpdated:${old[0].id}`]);
	});
});

describe('a contact dated in the future', () => {
	it('is emitted, and does not hold back the contacts created after it', async () => {
		const session = await trigger(sandbox(), { events: ['newContact'] });
		await session.poll();
		const now = await sandboxNow(sandbox());
		const future = await createContact(sandbox(), { dateAdded: now + 60 * 60 * 1000 });
		expect(ids(await poll(session))).toEqual([future.id]);
		await advanceClock(sandbox(), 1000);
		const next = await createContact(sandbox());
		expect(ids(await poll(session))).toEqual([next.id]);
		expect(await session.poll()).toBeNull();
	});
});
