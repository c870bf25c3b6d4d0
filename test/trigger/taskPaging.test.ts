import { useInterceptProxy } from '../support/interceptProxy';
import { useSandbox } from '../support/ghl';
import { createContact, createTask, eventsOf, patchTask, poll, trigger } from './support';

const sandbox = useSandbox({
	contacts: 0,
	rateLimit: { burst: 100_000, windowMs: 10_000, daily: 10_000_000 },
});
const { proxy, throughProxy } = useInterceptProxy(sandbox);

const HOUR = 60 * 60 * 1000;
const allTaskEvents = { events: ['newTask', 'taskCompleted', 'taskUpdated'] };

/** `count` open tasks of one contact, due an hour apart from `firstDue` (the search's order). */
async function openTasks(owner: string, count: number, firstDue: number) {
	const tasks = [];
	for (let i = 0; i < count; i++) {
		tasks.push(await createTask(sandbox(), owner, { dueDate: firstDue + i * HOUR }));
	}
	return tasks;
}

/** Runs `change` once, just before the search asks for its second page. */
function beforeSecondPage(change: () => Promise<unknown>) {
	proxy().intercept(async ({ path, body }) => {
		if (!path.endsWith('/tasks/search') || (body as { skip?: number }).skip !== 100) return;
		proxy().intercept();
		await change();
	});
}

describe('Location task source while tasks change between page reads', () => {
	it('a task completed meanwhile shifts the pages, and no task comes back as new', async () => {
		const owner = (await createContact(sandbox())).id as string;
		const tasks = await openTasks(owner, 150, Date.now() + 10 * 24 * HOUR);
		const session = await trigger(sandbox(), allTaskEvents, throughProxy());
		expect(await session.poll()).toBeNull();

		// The first task of the first page is completed after that page was read: the first task of
		// the second page moves onto the first one, and neither read sees it.
		beforeSecondPage(() => patchTask(sandbox(), owner, tasks[0].id as string, { completed: true }));
		const events = [...(await poll(session)), ...(await poll(session)), ...(await poll(session))];
		expect(eventsOf(events)).toEqual([`taskCompleted:${tasks[0].id}`]);
	}, 60_000);

	it('a task created meanwhile puts one task on both pages, and each new task is emitted once', async () => {
		const owner = (await createContact(sandbox())).id as string;
		const session = await trigger(sandbox(), allTaskEvents, throughProxy());
		expect(await session.poll()).toBeNull();
		const tasks = await openTasks(owner, 150, Date.now() + 2 * HOUR);
		let early: { id?: unknown } = {};
		beforeSecondPage(async () => {
			early = await createTask(sandbox(), owner, { dueDate: Date.now() + HOUR });
		});
		const first = await poll(session);
		const ids = [...first, ...(await poll(session))].map((item) => item.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.sort()).toEqual([...tasks.map((t) => t.id), early.id].sort());
	}, 60_000);
});
