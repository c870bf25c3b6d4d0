import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { simplifyContact, simplifyNote, simplifyTask } from '../shared/simplify';

export const EVENTS = {
	newContact: 'New Contact',
	contactUpdated: 'Contact Updated',
	newTask: 'New Task',
	taskCompleted: 'Task Completed',
	taskUpdated: 'Task Updated',
	taskOverdue: 'Task Overdue',
	newNote: 'New Note',
} as const;

export type EventName = keyof typeof EVENTS;

export const CONTACT_EVENTS: EventName[] = ['newContact', 'contactUpdated'];
export const TASK_EVENTS: EventName[] = ['newTask', 'taskCompleted', 'taskUpdated', 'taskOverdue'];

export type RecordKind = 'contact' | 'task' | 'note';

/** One thing that happened, in the order the trigger emits it. */
export interface TriggerEvent {
	event: EventName;
	kind: RecordKind;
	record: IDataObject;
	/** Old and new values, for updates. */
	changes?: IDataObject;
}

function shape(kind: RecordKind, record: IDataObject, simple: boolean, now: number): IDataObject {
	if (!simple) {
		if (kind !== 'contact') return record;
		// The search cursor is paging plumbing, not part of the contact.
		const contact = { ...record };
		delete contact.searchAfter;
		return contact;
	}
	if (kind === 'contact') return simplifyContact(record);
	return kind === 'task' ? simplifyTask(record, now) : simplifyNote(record);
}

/** The items the trigger emits: which event, the record (key fields or all), and any changes. */
export function toItems(
	events: TriggerEvent[],
	simple: boolean,
	now: number,
): INodeExecutionData[] {
	return events.map(({ event, kind, record, changes }) => ({
		json: {
			event,
			...shape(kind, record, simple, now),
			...(changes ? { changes } : {}),
			// A task's or note's contact is what workflows act on next.
			...(simple && kind !== 'contact' && record.contactId !== undefined
				? { contactId: record.contactId }
				: {}),
		},
	}));
}
