import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ghlApiRequest, PageGuard, type GhlConnection } from '../../shared/transport';
import type { EventName, TriggerEvent } from '../events';
import type { TriggerSettings } from '../settings';
import { LIMITS, type TriggerState } from '../state';
import { diffTasks, pruneCompleted, type TaskEvent } from '../taskSnapshot';

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

/** Every task of the location matching `filter`, page by page. */
async function searchTasks(
	ctx: IPollFunctions,
	connection: GhlConnection,
	filter: IDataObject,
): Promise<IDataObject[]> {
	const found: IDataObject[] = [];
	const guard = new PageGuard(ctx.getNode(), 'Search Tasks');
	for (let skip = 0; ; skip += TASK_PAGE_LIMIT) {
		if (skip > 0) guard.next(skip, skip);
		const tasks = guard.page(await taskPage(ctx, connection, filter, TASK_PAGE_LIMIT, skip));
		found.push(...tasks);
		if (found.length > LIMITS.openTasks) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The location has more than ${LIMITS.openTasks} matching tasks, more than the trigger can follow`,
				{
					description:
						'Use Task Source "Watched Contacts" to follow the tasks of chosen contacts instead.',
				},
			);
		}
		if (tasks.length < TASK_PAGE_LIMIT) return found;
	}
}

/** All tasks of the watched contacts, one request per contact. */
async function watchedTasks(
	ctx: IPollFunctions,
	connection: GhlConnection,
	contactIds: string[],
): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	for (const contactId of contactIds) {
		const { tasks = [] } = (await ghlApiRequest.call(ctx, connection, {
			operationId: 'get-all-tasks',
			label: 'Get Many Tasks',
			pathParams: { contactId },
		})) as { tasks?: IDataObject[] };
		for (const task of tasks) all.push({ contactId, ...task });
	}
	return all;
}

function sourceKey(settings: TriggerSettings): string {
	return settings.taskSource === 'location'
		? 'location'
		: `contacts:${settings.watchedContactIds.join(',')}`;
}

const toTriggerEvent = ({ event, task, changes }: TaskEvent): TriggerEvent => ({
	event,
	kind: 'task',
	record: task,
	...(changes ? { changes: changes as IDataObject } : {}),
});

/**
 * Task changes since the stored snapshot. The location-wide source reads the open tasks (the
 * search has no date filter) and looks up only the tasks that left the open set, in one search
 * by their contacts, to tell completed from deleted. The per-contact source reads each watched
 * contact's whole task list. A source's first poll (or a changed source) only takes the snapshot.
 */
export async function pollTasks(
	ctx: IPollFunctions,
	connection: GhlConnection,
	settings: TriggerSettings,
	state: TriggerState,
	next: TriggerState,
	nowMs: number,
): Promise<TriggerEvent[]> {
	const source = sourceKey(settings);
	const previous = state.tasks?.source === source ? state.tasks.snapshot : undefined;
	let current: IDataObject[];
	let observed: Set<string>;
	if (settings.taskSource === 'location') {
		current = await searchTasks(ctx, connection, { completed: false });
		observed = new Set(current.map((task) => String(task.id)));
		const left = Object.entries(previous ?? {}).filter(
			([id, e]) => e[4] === 0 && !observed.has(id),
		);
		if (left.length > 0) {
			const leftIds = new Set(left.map(([id]) => id));
			const contactId = [...new Set(left.map(([, entry]) => entry[0]))];
			const completed = await searchTasks(ctx, connection, { completed: true, contactId });
			current.push(...completed.filter((task) => leftIds.has(String(task.id))));
			for (const id of leftIds) observed.add(id);
		}
	} else {
		current = await watchedTasks(ctx, connection, settings.watchedContactIds);
		observed = new Set([...Object.keys(previous ?? {}), ...current.map((task) => String(task.id))]);
	}
	const { events, snapshot } = diffTasks(previous ?? {}, current, observed, nowMs, !previous);
	next.tasks = {
		source,
		snapshot:
			settings.taskSource === 'location'
				? pruneCompleted(snapshot, LIMITS.completedTasks)
				: snapshot,
	};
	return events.filter((e) => settings.events.has(e.event)).map(toTriggerEvent);
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
		: await watchedTasks(ctx, connection, settings.watchedContactIds);
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
