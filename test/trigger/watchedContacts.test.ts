import { control, useSandbox } from '../support/ghl';
import {
	createContact,
	createNote,
	createTask,
	eventsOf,
	patchTask,
	poll,
	trigger,
} from './support';

const sandbox = useSandbox({ contacts: 0 });

const contactId = async () => (await createContact(sandbox())).id as string;
const taskEvents = { events: ['newTask', 'taskCompleted'], taskSource: 'contacts' };

describe('watched contacts keep their own state', () => {
	it('a completion made while the Contact IDs list is edited is still emitted', async () => {
		const [a, b, c] = [await contactId(), await contactId(), await contactId()];
		const task = await createTask(sandbox(), a);
		const session = await trigger(sandbox(), { ...taskEvents, contactIds: `${a},${b}` });
		expect(await session.poll()).toBeNull();

		await patchTask(sandbox(), a, task.id as string, { completed: true });
		const existing = await createTask(sandbox(), c);
		// Reordered, one added, one removed: the watched contact that stays keeps its snapshot, and
		// the one added starts from now (its existing task is not new).
		session.setParameters({ ...taskEvents, contactIds: `${c},${a}` });
		expect(eventsOf(await poll(session))).toEqual([`taskCompleted:${task.id}`]);

		const added = await createTask(sandbox(), c);
		expect(eventsOf(await poll(session))).toEqual([`newTask:${added.id}`]);
		expect(await session.poll()).toBeNull();
		expect(existing.id).not.toBe(added.id);
	});

	it('a watched contact that was deleted is a warning, and the others go on', async () => {
		const [kept, gone] = [await contactId(), await contactId()];
		const session = await trigger(sandbox(), {
			events: ['newTask', 'newNote'],
			taskSource: 'contacts',
			contactIds: `${gone},${kept}`,
		});
		expect(await session.poll()).toBeNull();
		await control(sandbox(), 'DELETE', `/contacts/${gone}`);
		const task = await createTask(sandbox(), kept);
		const note = await createNote(sandbox(), kept);

		expect(eventsOf(await poll(session))).toEqual([`newTask:${task.id}`, `newNote:${note.id}`]);
		const warnings = session.logs.filter((line) => line.level === 'warn');
		expect(warnings.map((line) => line.message)).toEqual([
			expect.stringContaining(`watched contact ${gone} was not found, so its tasks`),
			expect.stringContaining(`watched contact ${gone} was not found, so its notes`),
		]);

		// Removing it later loses nothing of the others.
		const later = await createTask(sandbox(), kept);
		session.setParameters({
			events: ['newTask', 'newNote'],
			taskSource: 'contacts',
			contactIds: kept,
		});
		expect(eventsOf(await poll(session))).toEqual([`newTask:${later.id}`]);
	});
});
