import { control, useSandbox } from '../support/ghl';
import { createContact, createTask, eventsOf, poll, scheduleFaults, trigger } from './support';

const sandbox = useSandbox({
	contacts: 0,
	rateLimit: { burst: 100_000, windowMs: 10_000, daily: 10_000_000 },
});
afterEach(async () => {
	await scheduleFaults(sandbox(), []);
});

describe('one source failing does not silence the others', () => {
	it('past the 5,000-open-task cap, New Contact goes on and the task source says why', async () => {
		const owner = (await createContact(sandbox())).id as string;
		const session = await trigger(sandbox(), { events: ['newContact', 'newTask'] });
		expect(await session.poll()).toBeNull();
		for (let i = 0; i < 5_001; i++) await createTask(sandbox(), owner);
		const contact = await createContact(sandbox());

		expect(eventsOf(await poll(session))).toEqual([`newContact:${contact.id}`]);
		expect(session.logs).toContainEqual(
			expect.objectContaining({
				level: 'error',
				message: expect.stringContaining('more than 5000 matching tasks'),
			}),
		);
	}, 120_000);

	it('a transient failure of one source keeps its changes for the next poll', async () => {
		const owner = (await createContact(sandbox())).id as string;
		const session = await trigger(sandbox(), {
			events: ['newContact', 'newNote'],
			contactIds: owner,
		});
		expect(await session.poll()).toBeNull();
		const contact = await createContact(sandbox());
		const note = await control<{ note: { id: string } }>(
			sandbox(),
			'POST',
			`/contacts/${owner}/notes`,
			{ body: 'kept' },
		);
		await scheduleFaults(sandbox(), [{ operationId: 'get-all-notes', fault: 500, times: 5 }]);
		expect(eventsOf(await poll(session))).toEqual([`newContact:${contact.id}`]);
		await scheduleFaults(sandbox(), []);
		expect(eventsOf(await poll(session))).toEqual([`newNote:${note.note.id}`]);
	});
});
