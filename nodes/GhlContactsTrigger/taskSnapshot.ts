import type { IDataObject } from 'n8n-workflow';

import { hashText } from './fingerprint';

/**
 * What the trigger remembers of a task, compactly: its contact, a hash of its title, its due
 * date (epoch ms), its assignee, whether it is completed, and the due date it was last
 * reported overdue for (0 when never).
 */
export type TaskEntry = [
	contactId: string,
	titleHash: string,
	dueMs: number,
	assignedTo: string,
	completed: 0 | 1,
	overdueFor: number,
];

/** Task id → entry; completed tasks are moved to the end, so the oldest completions come first. */
export type TaskSnapshot = Record<string, TaskEntry>;

export type TaskEventName = 'newTask' | 'taskCompleted' | 'taskUpdated' | 'taskOverdue';

export interface TaskChanges {
	title?: { new: unknown };
	dueDate?: { old: string | null; new: string | null };
	assignedTo?: { old: string | null; new: string | null };
	reopened?: true;
}

export interface TaskEvent {
	event: TaskEventName;
	task: IDataObject;
	changes?: TaskChanges;
}

function dueMs(task: IDataObject): number {
	const ms = Date.parse(String(task.dueDate ?? ''));
	return Number.isNaN(ms) ? 0 : ms;
}

const isoOf = (ms: number) => (ms ? new Date(ms).toISOString() : null);

export function entryOf(task: IDataObject, overdueFor = 0): TaskEntry {
	return [
		String(task.contactId ?? ''),
		hashText(String(task.title ?? '')),
		dueMs(task),
		String(task.assignedTo ?? ''),
		task.completed === true ? 1 : 0,
		overdueFor,
	];
}

function isOverdue(entry: TaskEntry, nowMs: number): boolean {
	return entry[4] === 0 && entry[2] > 0 && entry[2] < nowMs;
}

function changesBetween(before: TaskEntry, after: TaskEntry, task: IDataObject): TaskChanges {
	const changes: TaskChanges = {};
	if (before[1] !== after[1]) changes.title = { new: task.title ?? null };
	if (before[2] !== after[2]) changes.dueDate = { old: isoOf(before[2]), new: isoOf(after[2]) };
	if (before[3] !== after[3]) {
		changes.assignedTo = { old: before[3] || null, new: after[3] || null };
	}
	if (before[4] === 1 && after[4] === 0) changes.reopened = true;
	return changes;
}

/**
 * Compares the tasks observed now with the snapshot. `observed` lists every task id the source
 * could see this poll (its tasks are in `current`, or it is gone); snapshot entries outside it are
 * kept as they are. Returns the events and the next snapshot. With `baseline` (a source's first
 * poll) it only records, and counts tasks already overdue as reported.
 */
export function diffTasks(
	previous: TaskSnapshot,
	current: IDataObject[],
	observed: Set<string>,
	nowMs: number,
	baseline = false,
): { events: TaskEvent[]; snapshot: TaskSnapshot } {
	const events: TaskEvent[] = [];
	const snapshot: TaskSnapshot = {};
	const byId = new Map(current.map((task) => [String(task.id), task]));
	const completedLast: Array<[string, TaskEntry]> = [];
	for (const [id, entry] of Object.entries(previous)) {
		if (observed.has(id) && !byId.has(id)) continue; // deleted
		if (byId.has(id)) continue; // re-added below, in the current order
		if (entry[4] === 1) completedLast.push([id, entry]);
		else snapshot[id] = entry;
	}
	for (const task of current) {
		const id = String(task.id);
		const before = previous[id];
		let entry = entryOf(task, before?.[5] ?? 0);
		if (baseline) {
			if (isOverdue(entry, nowMs)) entry = entryOf(task, entry[2]);
		} else if (!before) {
			events.push({ event: 'newTask', task });
			if (entry[4] === 1) events.push({ event: 'taskCompleted', task });
		} else if (before[4] === 0 && entry[4] === 1) {
			events.push({ event: 'taskCompleted', task });
		} else {
			const changes = changesBetween(before, entry, task);
			if (Object.keys(changes).length > 0) events.push({ event: 'taskUpdated', task, changes });
		}
		if (!baseline && isOverdue(entry, nowMs) && entry[5] !== entry[2]) {
			events.push({ event: 'taskOverdue', task });
			entry = entryOf(task, entry[2]);
		}
		if (entry[4] === 1) completedLast.push([id, entry]);
		else snapshot[id] = entry;
	}
	for (const [id, entry] of completedLast) snapshot[id] = entry;
	return { events, snapshot };
}

/** Drops the oldest completed tasks past `cap` (open tasks are never dropped). */
export function pruneCompleted(snapshot: TaskSnapshot, cap: number): TaskSnapshot {
	const completed = Object.keys(snapshot).filter((id) => snapshot[id][4] === 1);
	const drop = new Set(completed.slice(0, Math.max(0, completed.length - cap)));
	if (drop.size === 0) return snapshot;
	return Object.fromEntries(Object.entries(snapshot).filter(([id]) => !drop.has(id)));
}
