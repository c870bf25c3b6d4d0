import type { IDataObject } from 'n8n-workflow';

import { control, pitCredential, useSandbox } from '../support/ghl';
import {
	createContact,
	createTask,
	eventsOf,
	poll,
	patchTask,
	requestsDuring,
	scheduleFaults,
	trigger,
	problemsIn,
} from './support';

const sandbox = useSandbox({ contacts: 10 });

const HOUR = 60 * 60 * 1000;
afterEach(async () => {
	await scheduleFaults(sandbox(), []);
});

const ALL_TASK_EVENTS = ['newTask', 'taskCompleted', 'taskUpdated', 'taskOverdue'];

async function contactId(): Promise<string> {
	return (await createContact(sandbox(), { firstName: 'Tasks' })).id as string;
}

describe('Task events, location-wide source', () => {
	it('emits new, updated, reopened, completed and overdue tasks once each', async () => {
		const session = await trigger(sandbox(), { events: ALL_TASK_EVENTS });
		expect(await session.poll()).toBeNull();
		const owner = await contactId();

		const task = await createTask(sandbox(), owner, {
			title: 'Call back',
			dueDate: Date.now() + 48 * HOUR,
		});
		const id = task.id as string;
		const [created] = await poll(session);
		expect(created).toEqual({
			event: 'newTask',
			id,
			title: 'Call back',
			status: 'pending',
			dueDate: new Date(task.dueDate as number).toISOString(),
			contactId: owner,
		});
		expect(await session.poll()).toBeNull();

		const due = Date.now() + 72 * HOUR;
		await patchTask(sandbox(), owner, id, {
			title: 'Call back today',
			dueDate: due,
			assignedTo: 'usrNew',
		});
		expect(await poll(session)).toEqual([
			expect.objectContaining({
				event: 'taskUpdated',
				id,
				changes: {
					title: { new: 'Call back today' },
					dueDate: {
						old: new Date(task.dueDate as number).toISOString(),
						new: new Date(due).toISOString(),
					},
					assignedTo: { old: null, new: 'usrNew' },
				},
			}),
		]);

		await patchTask(sandbox(), owner, id, { completed: true });
		const completing = await requestsDuring(sandbox(), async () => {
			expect(eventsOf(await poll(session))).toEqual([`taskCompleted:${id}`]);
		});
		expect(completing.map((r) => r.body)).toEqual([
			expect.objectContaining({ completed: false }),
			expect.objectContaining({ completed: true, contactId: [owner] }),
		]);

		await patchTask(sandbox(), owner, id, { completed: false });
		expect(await poll(session)).toEqual([
			expect.objectContaining({ event: 'taskUpdated', id, changes: { reopened: true } }),
		]);

		const pastDue = Date.now() - HOUR;
		await patchTask(sandbox(), owner, id, { dueDate: pastDue });
		expect(eventsOf(await poll(session))).toEqual([`taskUpdated:${id}`, `taskOverdue:${id}`]);
		expect(await session.poll()).toBeNull();
		await patchTask(sandbox(), owner, id, { dueDate: pastDue - HOUR });
		expect(eventsOf(await poll(session))).toEqual([`taskUpdated:${id}`, `taskOverdue:${id}`]);

		await control(sandbox(), 'DELETE', `/contacts/${owner}/tasks/${id}`);
		expect(await session.poll()).toBeNull();
	});

	it('emits only the chosen events, and a quiet poll sends one request', async () => {
		const session = await trigger(sandbox(), { events: ['taskOverdue'] });
		await session.poll();
		const owner = await contactId();
		const late = await createTask(sandbox(), owner, { dueDate: Date.now() - HOUR });
		await createTask(sandbox(), owner, { dueDate: Date.now() + HOUR });
		expect(eventsOf(await poll(session))).toEqual([`taskOverdue:${late.id}`]);
		const quiet = await requestsDuring(sandbox(), async () =>
			expect(await session.poll()).toBeNull(),
		);
		expect(quiet.map((r) => r.operationId)).toEqual(['task-search']);
	});

	it('after a poll that fails half way, the next poll reports the completion once', async () => {
		const session = await trigger(sandbox(), { events: ['taskCompleted'] });
		const owner = await contactId();
		const task = await createTask(sandbox(), owner, { dueDate: Date.now() + HOUR });
		await session.poll();
		await patchTask(sandbox(), owner, task.id as string, { completed: true });
		const stored = session.nodeStaticData();
		// The open-task search succeeds; the look-up of the task that left the open set fails.
		await scheduleFaults(sandbox(), [{ operationId: 'task-search', nth: 2, fault: 500 }]);
		expect(await session.poll()).toBeNull();
		expect(problemsIn(session)).toHaveLength(1);
		expect(session.nodeStaticData()).toEqual(stored);
		expect(eventsOf(await poll(session))).toEqual([`taskCompleted:${task.id}`]);
		expect(await session.poll()).toBeNull();
	});

	it('does not report tasks that were overdue before activation', async () => {
		const owner = await contactId();
		await createTask(sandbox(), owner, { dueDate: Date.now() - HOUR });
		const session = await trigger(sandbox(), { events: ALL_TASK_EVENTS });
		expect(await session.poll()).toBeNull();
		expect(await session.poll()).toBeNull();
	});

	it('pages through 1,000 open tasks and keeps a compact snapshot', async () => {
		const owner = await contactId();
		const session = await trigger(sandbox(), { events: ['newTask'] });
		await session.poll();
		const created: IDataObject[] = [];
		for (let i = 0; i < 1000; i++) {
			created.push(
				await createTask(sandbox(), owner, {
					title: `Follow-up call number ${i}`,
					dueDate: Date.now() + (i + 1) * HOUR,
					assignedTo: 'usrSbxOwner00000000A',
				}),
			);
		}
		let items: IDataObject[] = [];
		const requests = await requestsDuring(sandbox(), async () => {
			items = await poll(session);
		});
		expect(new Set(items.map((i) => i.id))).toEqual(new Set(created.map((t) => t.id)));
		const open = (await control<{ tasks: number }>(sandbox(), 'GET', '/stats')).tasks;
		expect(requests).toHaveLength(Math.floor(open / 100) + 1);
		expect(requests.map((r) => (r.body as { skip: number }).skip).slice(0, 3)).toEqual([
			0, 100, 200,
		]);
		const snapshot = (session.nodeStaticData().ghlContactsTrigger as IDataObject)
			.tasks as IDataObject;
		const bytes = JSON.stringify(snapshot).length;
		const perThousand = Math.round(
			(bytes / Object.keys(snapshot.snapshot as object).length) * 1000,
		);
		// For the README: the stored state per 1,000 open tasks.
		console.info(`task snapshot: ${perThousand} bytes per 1,000 open tasks`);
		// About 100 bytes a task (ids, title hash, due date, assignee, flags): no titles or bodies.
		expect(perThousand).toBeLessThan(120_000);
	});
});

describe('Task events, watched contacts (contacts.readonly only)', () => {
	it('follows the listed contacts’ tasks with one request per contact', async () => {
		const [a, b] = [await contactId(), await contactId()];
		const session = await trigger(
			sandbox(),
			{ events: ALL_TASK_EVENTS, taskSource: 'contacts', contactIds: `${a}, ${b}` },
			pitCredential(sandbox(), 'readOnly'),
		);
		expect(await session.poll()).toBeNull();
		const task = await createTask(sandbox(), b, { dueDate: Date.now() + HOUR });
		const requests = await requestsDuring(sandbox(), async () => {
			expect(eventsOf(await poll(session))).toEqual([`newTask:${task.id}`]);
		});
		expect(requests.map((r) => r.path)).toEqual([`/contacts/${a}/tasks`, `/contacts/${b}/tasks`]);
		await patchTask(sandbox(), b, task.id as string, { completed: true });
		expect(eventsOf(await poll(session))).toEqual([`taskCompleted:${task.id}`]);
		await patchTask(sandbox(), b, task.id as string, { completed: false });
		expect(await poll(session)).toEqual([
			expect.objectContaining({ event: 'taskUpdated', changes: { reopened: true } }),
		]);
		expect(await session.poll()).toBeNull();
	});

	it('says which scope the location-wide source needs, and sends nothing', async () => {
		const session = await trigger(
			sandbox(),
			{ events: ['newTask'] },
			pitCredential(sandbox(), 'readOnly'),
		);
		const requests = await requestsDuring(sandbox(), async () => {
			await expect(session.poll()).rejects.toThrow('locations/tasks.readonly');
		});
		expect(requests).toEqual([]);
	});
});

describe('Task events, Fetch Test Event', () => {
	it('returns an example per chosen event without storing anything', async () => {
		const owner = await contactId();
		const open = await createTask(sandbox(), owner, { dueDate: Date.now() - HOUR });
		const session = await trigger(sandbox(), {
			events: ['newTask', 'taskOverdue'],
			taskSource: 'contacts',
			contactIds: owner,
		});
		const items = (await session.poll('manual')) ?? [];
		expect(eventsOf(items)).toEqual([`newTask:${open.id}`, `taskOverdue:${open.id}`]);
		expect(session.nodeStaticData()).toEqual({});
	});
});
