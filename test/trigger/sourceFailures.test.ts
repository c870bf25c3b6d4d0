import { control, useSandbox } from '../support/ghl';
import {
	createContact,
	createTask,
	eventsOf,
	patchTask,
	poll,
	requestsDuring,
	scheduleFaults,
	trigger,
} from './support';

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
		const tasks: string[] = [];
		for (let i = 0; i < 5_001; i++) tasks.push(String((await createTask(sandbox(), owner)).id));
		const contact = await createContact(sandbox());

		const capped = await requestsDuring(sandbox(), async () => {
			expect(eventsOf(await poll(session))).toEqual([`newContact:${contact.id}`]);
		});
		const capError = expect.objectContaining({
			level: 'error',
			message: expect.stringContaining('more than 5000 matching tasks'),
		});
		expect(session.logs).toContainEqual(capError);
		expect(capped.filter((r) => r.operationId === 'task-search')).toHaveLength(51);

		// Still past the cap: the next poll asks for the one task past it and fails at once.
		session.logs.length = 0;
		const again = await requestsDuring(sandbox(), async () => {
			expect(await session.poll()).toBeNull();
		});
		expect(again.filter((r) => r.operationId === 'task-search').map((r) => r.body)).toEqual([
			{ completed: false, limit: 1, skip: 5000 },
		]);
		expect(session.logs).toContainEqual(capError);
		expect(session.logs).toContainEqual(
			expect.objectContaining({
				level: 'info',
				message: expect.stringMatching(/this poll sent 2 requests \(New contacts 1, Tasks 1\)/),
			}),
		);

		// Back under the cap: read in full again, and the poll after that without the extra ask.
		await patchTask(sandbox(), owner, tasks[0], { completed: true });
		await patchTask(sandbox(), owner, tasks[1], { completed: true });
		session.logs.length = 0;
		const under = await requestsDuring(sandbox(), async () => {
			await session.poll();
		});
		expect(session.logs.filter((line) => line.level === 'error')).toEqual([]);
		const searches = under.filter((r) => r.operationId === 'task-search');
		expect(searches[0].body).toEqual({ completed: false, limit: 1, skip: 5000 });
		expect(searches.length).toBeGreaterThan(50);
		const next = await requestsDuring(sandbox(), async () => {
			await session.poll();
		});
		expect((next.find((r) => r.operationId === 'task-search')?.body as { skip: number }).skip).toBe(
			0,
		);
	}, 180_000);

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
