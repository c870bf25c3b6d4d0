import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	ghlApiRequest,
	isNotFoundError,
	PageGuard,
	type GhlConnection,
} from '../../shared/transport';
import { asNodeError } from '../errors';
import type { EventName, TriggerEvent } from '../events';
import type { PollRun } from '../run';
import type { TriggerSettings } from '../settings';
import { LIMITS, type TaskState } from '../state';
import { diffTasks, pruneCompleted, type TaskEvent, type TaskSnapshot } from '../taskSnapshot';
import { eachWatchedContact } from './watchedContacts';

/** Tasks per page of the location's task search (its documented default is 25). */
export const TASK_PAGE_LIMIT = 100;

async function taskPage(
	ctx: IPollFunctions,
	connection: GhlConnection,
	filter: IDataObject,
	limit: number,
	skip = 0,
): Promise<IDataObject[]> {
	const { tasks = [] } = (await ghlApiRequest.call(ctx, connection, {
		operationId: 'task-search',
		label: 'Search Tasks',
		pathParams: { locationId: connection.locationId },
		body: { ...filter, limit, skip },
	})) as { tasks?: IDataObject[] };
	return tasks;
}

function tooManyTasks(ctx: IPollFunctions): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`The location has more than ${LIMITS.openTasks} matching tasks, more than the trigger can follow`,
		{
			description:
				'Use Task Source "Watched Contacts" to follow the tasks of chosen contacts instead, or the GHL Webhook Trigger (TaskCreate, TaskComplete), which costs no requests.',
		},
	);
}

/** Every task of the location matching `filter`, page by page; `onCap` runs past the cap. */
async function searchTasks(
	ctx: IPollFunctions,
	connection: GhlConnection,
	filter: IDataObject,
	onCap?: () => void,
): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	const guard = new PageGuard(ctx.getNode(), 'Search Tasks');
	for (let skip = 0; ; skip += TASK_PAGE_LIMIT) {
		if (skip > 0) guard.next(skip, skip);
		const tasks = guard.page(await taskPage(ctx, connection, filter, TASK_PAGE_LIMIT, skip));
		found.push(...tasks);
		if (found.length > LIMITS.openTasks) {
			onCap?.();
			throw tooManyTasks(ctx);
		}
		if (tasks.length < TASK_PAGE_LIMIT) return found;
	}
}

/**
 * Triggers (by their static data) whose location had more open tasks than the cap at the last
 * poll: the next poll first asks for the one task past the cap, and fails at once if it is
 * there, instead of reading every open task again to fail at the end (51 requests a poll).
 */
const overCap = new WeakSet<IDataObject>();

async function stillOverCap(run: PollRun): Promise<boolean> {
	const key = run.ctx.getWorkflowStaticData('node');
	if (!overCap.has(key)) return false;
	const beyond = await taskPage(run.ctx, run.connection, { completed: false }, 1, LIMITS.openTasks);
	if (beyond.length > 0) return true;
	overCap.delete(key);
	return false;
}

/** A page read is not a snapshot: a task that moved between two pages can be on both. */
function onceEach(tasks: IDataObject[]): IDataObject[] {
	const byId = new Map<string, IDataObject>();
	for (const task of tasks) byId.set(String(task.id), task);
	return [...byId.values()];
}

/** One contact's tasks. */
async function contactTasks(
	ctx: IPollFunctions,
	connection: GhlConnection,
	contactId: string,
): Promise<IDataObject[]> {
	const { tasks = [] } = (await ghlApiRequest.call(ctx, connection, {
		operationId: 'get-all-tasks',
		label: 'Get Many Tasks',
		pathParams: { contactId },
	})) as { tasks?: IDataObject[] };
	return onceEach(tasks.map((task) => ({ contactId, ...task })));
}

/** Tasks a poll looks up one by one, at most, when they left the open list unexplained. */
const MAX_CONFIRMATIONS = 20;

/** The task as GHL has it now, or undefined when it is gone. */
async function currentTask(
	run: PollRun,
	contactId: string,
	taskId: string,
): Promise<IDataObject | undefined> {
	try {
		const { task } = (await ghlApiRequest.call(run.ctx, run.connection, {
			operationId: 'get-task',
			label: 'Get Task',
			pathParams: { contactId, taskId },
		})) as { task?: IDataObject };
		return task ? { contactId, ...task } : undefined;
	} catch (error) {
		if (isNotFoundError(error)) return undefined;
		throw asNodeError(run.ctx, error);
	}
}

const toTriggerEvent = ({ event, task, changes }: TaskEvent): TriggerEvent => ({
	event,
	kind: 'task',
	record: task,
	...(changes ? { changes: changes as IDataObject } : {}),
});

/**
 * The location's task changes since the stored snapshot. The search has no date filter, so the
 * open tasks are read whole; a task that left the open list is looked up among its contact's
 * completed tasks, and if it is not there either (skip paging can miss a task that moved while
 * the pages were read), on its own: only a task GHL answers "not found" for is taken as deleted.
 */
async function pollLocationTasks(
	run: PollRun,
	previous: TaskSnapshot | undefined,
): Promise<{ events: TaskEvent[]; snapshot: TaskSnapshot }> {
	const { ctx, connection, nowMs } = run;
	if (await stillOverCap(run)) throw tooManyTasks(ctx);
	const open = await searchTasks(ctx, connection, { completed: false }, () =>
		overCap.add(ctx.getWorkflowStaticData('node')),
	);
	const current = onceEach(open);
	const observed = new Set(current.map((task) => String(task.id)));
	const left = Object.entries(previous ?? {}).filter(([id, e]) => e[4] === 0 && !observed.has(id));
	if (left.length > 0) {
		const contactId = [...new Set(left.map(([, entry]) => entry[0]))];
		const completed = new Map(
			(await searchTasks(ctx, connection, { completed: true, contactId })).map((task) => [
				String(task.id),
				task,
			]),
		);
		let confirmations = 0;
		for (const [id, entry] of left) {
			let task = completed.get(id);
			if (!task) {
				// Beyond the bound, the task stays as it was until a later poll sees it.
				if (confirmations++ >= MAX_CONFIRMATIONS) continue;
				task = await currentTask(run, entry[0], id);
			}
			observed.add(id);
			if (task) current.push(task);
		}
	}
	return diffTasks(previous ?? {}, current, observed, nowMs, !previous);
}

/** The watched contacts' task changes, each contact against its own snapshot. */
async function pollWatchedTasks(
	run: PollRun,
	stored: Record<string, TaskSnapshot> | undefined,
): Promise<{ events: TaskEvent[]; contacts: Record<string, TaskSnapshot> }> {
	const { ctx, connection, nowMs } = run;
	const events: TaskEvent[] = [];
	const contacts = await eachWatchedContact(run, 'tasks', stored, async (contactId, previous) => {
		const current = await contactTasks(ctx, connection, contactId);
		const observed = new Set([
			...Object.keys(previous ?? {}),
			...current.map((task) => String(task.id)),
		]);
		const diff = diffTasks(previous ?? {}, current, observed, nowMs, !previous);
		events.push(...diff.events);
		return diff.snapshot;
	});
	return { events, contacts };
}

/**
 * Task changes since the stored state: of the whole location, or of each watched contact. A
 * source's first poll (a contact's, for watched contacts) only takes the snapshot.
 */
export async function pollTasks(
	run: PollRun,
	stored: TaskState | undefined,
): Promise<{ events: TriggerEvent[]; state: TaskState }> {
	const { settings } = run;
	const wanted = (events: TaskEvent[]) =>
		events.filter((e) => settings.events.has(e.event)).map(toTriggerEvent);
	if (settings.taskSource === 'location') {
		const previous = stored?.source === 'location' ? stored.snapshot : undefined;
		const { events, snapshot } = await pollLocationTasks(run, previous);
		return {
			events: wanted(events),
			state: { source: 'location', snapshot: pruneCompleted(snapshot, LIMITS.completedTasks) },
		};
	}
	const previous = stored?.source === 'contacts' ? stored.contacts : undefined;
	const { events, contacts } = await pollWatchedTasks(run, previous);
	return { events: wanted(events), state: { source: 'contacts', contacts } };
}

/** For "Fetch Test Event": one current task per chosen task event, where one exists. */
export async function sampleTasks(
	ctx: IPollFunctions,
	connection: GhlConnection,
	settings: TriggerSettings,
	nowMs: number,
): Promise<TriggerEvent[]> {
	const location = settings.taskSource === 'location';
	const tasks = location
		? await taskPage(ctx, connection, { completed: false }, TASK_PAGE_LIMIT)
		: (
				await Promise.all(settings.watchedContactIds.map((id) => contactTasks(ctx, connection, id)))
			).flat();
	const open = tasks.filter((task) => task.completed !== true);
	const pick: Partial<Record<EventName, () => Promise<IDataObject | undefined>>> = {
		newTask: async () => open[0] ?? tasks[0],
		taskUpdated: async () => open[0],
		taskOverdue: async () => open.find((task) => Date.parse(String(task.dueDate ?? '')) < nowMs),
		taskCompleted: async () =>
			location
				? (await taskPage(ctx, connection, { completed: true }, 1))[0]
				: tasks.find((task) => task.completed === true),
	};
	const samples: TriggerEvent[] = [];
	for (const event of ['newTask', 'taskUpdated', 'taskCompleted', 'taskOverdue'] as const) {
		if (!settings.events.has(event)) continue;
		const task = await pick[event]?.();
		if (task) samples.push({ event, kind: 'task', record: task });
	}
	return samples;
}
