import { useSandbox } from '../support/ghl';
import {
	advanceClock,
	createContact,
	createNote,
	eventsOf,
	poll,
	requestsDuring,
	sandboxNow,
	trigger,
} from './support';

const sandbox = useSandbox({ contacts: 10 });

async function contactId(): Promise<string> {
	return (await createContact(sandbox(), { firstName: 'Noted' })).id as string;
}

describe('New Note', () => {
	it('emits each new note of the watched contacts once, oldest first, and nothing old', async () => {
		const [a, b, other] = [await contactId(), await contactId(), await contactId()];
		await createNote(sandbox(), a, { body: 'old' });
		const session = await trigger(sandbox(), { events: ['newNote'], contactIds: `${a},${b}` });
		expect(await session.poll()).toBeNull();

		await advanceClock(sandbox(), 1000);
		const first = await createNote(sandbox(), b, { body: 'first' });
		await createNote(sandbox(), other, { body: 'not watched' });
		await advanceClock(sandbox(), 1000);
		const second = await createNote(sandbox(), a, { body: 'second' });
		const sameTime = await createNote(sandbox(), a, { body: 'same millisecond' });
		const items = await poll(session);
		expect(eventsOf(items)).toEqual([
			`newNote:${first.id}`,
			`newNote:${second.id}`,
			`newNote:${sameTime.id}`,
		]);
		expect(items[0]).toEqual({
			event: 'newNote',
			id: first.id,
			body: 'first',
			dateAdded: new Date(first.dateAdded as number).toISOString(),
			contactId: b,
		});
		const quiet = await requestsDuring(sandbox(), async () =>
			expect(await session.poll()).toBeNull(),
		);
		expect(quiet.map((r) => r.path)).toEqual([`/contacts/${a}/notes`, `/contacts/${b}/notes`]);
	});

	it('can start from a date or with the latest notes', async () => {
		const owner = await contactId();
		const from = await sandboxNow(sandbox());
		await createNote(sandbox(), owner, { body: 'before', dateAdded: from - 1 });
		const since = await createNote(sandbox(), owner, { body: 'since', dateAdded: from });
		const dated = await trigger(sandbox(), {
			events: ['newNote'],
			contactIds: owner,
			firstPoll: 'sinceDate',
			sinceDate: new Date(from).toISOString(),
		});
		expect(eventsOf(await poll(dated))).toEqual([`newNote:${since.id}`]);
		expect(await dated.poll()).toBeNull();

		const latest = await trigger(sandbox(), {
			events: ['newNote'],
			contactIds: owner,
			firstPoll: 'latest',
			latestCount: 1,
		});
		expect(eventsOf(await poll(latest))).toEqual([`newNote:${since.id}`]);
		expect(await latest.poll()).toBeNull();
	});

	it('reads its Contact IDs beside a task event from the location, and drops them without New Note', async () => {
		const watched = await contactId();
		const withTasks = await trigger(sandbox(), {
			events: ['newNote', 'newTask'],
			taskSource: 'location',
			contactIds: watched,
		});
		expect(await withTasks.poll()).toBeNull();
		await advanceClock(sandbox(), 1000);
		const note = await createNote(sandbox(), watched, { body: 'beside tasks' });
		const polled = await requestsDuring(sandbox(), async () =>
			expect(eventsOf(await poll(withTasks))).toEqual([`newNote:${note.id}`]),
		);
		expect(polled.map((r) => r.path)).toContain(`/contacts/${watched}/notes`);

		// Location tasks without New Note hide Contact IDs, and n8n drops a hidden value.
		const tasksOnly = await trigger(sandbox(), {
			events: ['newTask'],
			taskSource: 'location',
			contactIds: watched,
		});
		const first = await requestsDuring(sandbox(), async () =>
			expect(await tasksOnly.poll()).toBeNull(),
		);
		expect(first.map((r) => r.path)).toEqual([
			`/locations/${sandbox().mainLocationId}/tasks/search`,
		]);
	});

	it('asks for contact IDs when none are given', async () => {
		const session = await trigger(sandbox(), { events: ['newNote'] });
		await expect(session.poll()).rejects.toThrow('Contact IDs is empty');
	});
});

describe('New Note under index lag', () => {
	it('emits a note that becomes visible after a newer one (stamped 300 ms earlier)', async () => {
		const owner = await contactId();
		const session = await trigger(sandbox(), { events: ['newNote'], contactIds: owner });
		expect(await session.poll()).toBeNull();
		await advanceClock(sandbox(), 1000);
		const newer = await createNote(sandbox(), owner, { body: 'newer' });
		expect(eventsOf(await poll(session))).toEqual([`newNote:${newer.id}`]);
		const late = await createNote(sandbox(), owner, {
			body: 'late',
			dateAdded: (newer.dateAdded as number) - 300,
		});
		expect(eventsOf(await poll(session))).toEqual([`newNote:${late.id}`]);
		expect(await session.poll()).toBeNull();
	});
});
