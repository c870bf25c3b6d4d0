import type { IDataObject } from 'n8n-workflow';

function pick(source: IDataObject, keys: string[]): IDataObject {
	const result: IDataObject = {};
	for (const key of keys) if (source[key] !== undefined) result[key] = source[key];
	return result;
}

export function simplifyContact(contact: IDataObject): IDataObject {
	const name =
		(contact.contactName as string | undefined) ??
		(contact.name as string | undefined) ??
		([contact.firstName, contact.lastName].filter(Boolean).join(' ') || undefined);
	return {
		...pick(contact, ['id']),
		name,
		...pick(contact, ['email', 'phone', 'tags', 'dateAdded']),
	};
}

/** A task's status as users think of it: done, still to do, or past its due date. */
export function taskStatus(task: IDataObject, now: number): 'completed' | 'pending' | 'overdue' {
	if (task.completed === true) return 'completed';
	const due = Date.parse(String(task.dueDate ?? ''));
	return !Number.isNaN(due) && due < now ? 'overdue' : 'pending';
}

export function simplifyTask(task: IDataObject, now: number): IDataObject {
	return {
		...pick(task, ['id', 'title']),
		status: taskStatus(task, now),
		...pick(task, ['dueDate']),
	};
}

export function simplifyNote(note: IDataObject): IDataObject {
	return pick(note, ['id', 'body', 'dateAdded']);
}
