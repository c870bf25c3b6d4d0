import type { IDataObject } from 'n8n-workflow';

import { simplifyContact, simplifyNote, simplifyTask } from '../shared/simplify';
import { EVENT_FAMILIES, type GhlEvent } from './events';

function pick(source: IDataObject, keys: string[]): IDataObject {
	const result: IDataObject = {};
	for (const key of keys) if (source[key] !== undefined) result[key] = source[key];
	return result;
}

function simplifyAppointment(appointment: IDataObject): IDataObject {
	const { appointmentStatus, ...rest } = appointment;
	return {
		...pick(rest, ['id', 'title', 'calendarId']),
		status: appointmentStatus,
		...pick(rest, ['startTime', 'endTime', 'assignedUserId']),
	};
}

/** A GHL workflow's Webhook action sends its contact with snake_case standard fields. */
function simplifyWorkflowContact(payload: IDataObject): IDataObject {
	const name =
		(payload.full_name as string | undefined) ??
		([payload.first_name, payload.last_name].filter(Boolean).join(' ') || undefined);
	return { id: payload.contact_id ?? payload.id, name, ...pick(payload, ['email', 'phone']) };
}

/** The id of the contact an event concerns, when its payload names one. */
export function contactIdOf(event: GhlEvent, payload: IDataObject): string | undefined {
	const family = EVENT_FAMILIES[event];
	const id =
		family === 'contact'
			? payload.id
			: family === 'appointment'
				? (payload.appointment as IDataObject | undefined)?.contactId
				: family === 'workflow'
					? (payload.contact_id ?? payload.id)
					: payload.contactId;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The contact an item from `eventItem` concerns, when its payload named one. */
export function itemContactId(item: IDataObject): string | undefined {
	const id = item.contactId ?? (item.contact as IDataObject | undefined)?.id;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * The event as the workflow sees it: `event`, the delivery's ids and the record in a normalized
 * shape per family (`contact`, `task`, `note` or `appointment`), plus the contact's id when the
 * payload names it.
 */
export function eventItem(event: GhlEvent, payload: IDataObject, now: number): IDataObject {
	const item: IDataObject = {
		event,
		...pick(payload, ['locationId', 'webhookId', 'timestamp']),
	};
	const family = EVENT_FAMILIES[event];
	if (family === 'contact') {
		const contact = simplifyContact(payload);
		if (event === 'ContactDndUpdate') contact.dnd = payload.dnd;
		item.contact = contact;
	} else if (family === 'task') {
		// A TaskComplete payload has no `completed` field: the event itself says so.
		item.task = simplifyTask({ ...payload, completed: event === 'TaskComplete' }, now);
	} else if (family === 'note') {
		item.note = simplifyNote(payload);
	} else if (family === 'appointment') {
		item.appointment = simplifyAppointment((payload.appointment as IDataObject | undefined) ?? {});
	} else if (family === 'app') {
		item.app = pick(payload, [
			'appId',
			'companyId',
			'locationId',
			'userId',
			'planId',
			'companyName',
		]);
	} else {
		item.contact = simplifyWorkflowContact(payload);
	}
	if (family !== 'contact' && family !== 'workflow' && family !== 'app') {
		item.contactId = contactIdOf(event, payload) ?? null;
	}
	return item;
}
