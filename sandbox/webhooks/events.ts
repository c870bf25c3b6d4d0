import { iso } from '../domain/dates';
import type { AppointmentRecord, ContactRecord, NoteRecord, TaskRecord } from '../domain/records';
import { fullName } from '../domain/views';
import type { WorldChange } from '../domain';
import { COMPANY_ID, COMPANY_NAME, OWNER_USER_ID } from '../identities';

/** The events the sandbox sends: GHL's contact, task, note and appointment webhooks. */
export const WEBHOOK_EVENTS = [
	'ContactCreate',
	'ContactUpdate',
	'ContactDelete',
	'ContactTagUpdate',
	'ContactDndUpdate',
	'TaskCreate',
	'TaskComplete',
	'TaskDelete',
	'NoteCreate',
	'NoteUpdate',
	'NoteDelete',
	'AppointmentCreate',
	'AppointmentUpdate',
	'AppointmentDelete',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: unknown): value is WebhookEvent {
	return (WEBHOOK_EVENTS as readonly unknown[]).includes(value);
}

/**
 * The app's own events: GHL sends them when the app is installed in or removed from a
 * sub-account, to the app's default webhook URL, with neither `timestamp` nor `webhookId`.
 */
export const APP_EVENTS = ['INSTALL', 'UNINSTALL'] as const;
export type AppEvent = (typeof APP_EVENTS)[number];

/** What a subscription can ask for. */
export type SubscribableEvent = WebhookEvent | AppEvent;
export const SUBSCRIBABLE_EVENTS: readonly SubscribableEvent[] = [...WEBHOOK_EVENTS, ...APP_EVENTS];

export function isAppEvent(value: unknown): value is AppEvent {
	return (APP_EVENTS as readonly unknown[]).includes(value);
}

/**
 * An event before delivery. Data events gain `webhookId`, `timestamp`, `appId` and `versionId`;
 * app events gain only `appId`.
 */
export interface EventData {
	type: SubscribableEvent;
	locationId: string;
	[field: string]: unknown;
}

/** The payload of an install (notes §1.5: company, user and company name) or of an uninstall. */
export function appEvent(type: AppEvent, locationId: string): EventData {
	return type === 'INSTALL'
		? {
				type,
				locationId,
				companyId: COMPANY_ID,
				userId: OWNER_USER_ID,
				companyName: COMPANY_NAME,
			}
		: { type, locationId };
}

/** Drops undefined fields, as JSON would. */
function defined(fields: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** The fields of GHL's documented contact payloads (ContactDndUpdate adds `dndSettings`). */
function contactFields(contact: ContactRecord, withDndSettings: boolean): Record<string, unknown> {
	return defined({
		id: contact.id,
		address1: contact.address1,
		city: contact.city,
		state: contact.state,
		companyName: contact.companyName,
		country: contact.country,
		source: contact.source,
		dateAdded: iso(contact.dateAdded),
		dateOfBirth: contact.dateOfBirth,
		dnd: contact.dnd,
		dndSettings: withDndSettings ? contact.dndSettings : undefined,
		email: contact.email,
		name: fullName(contact),
		firstName: contact.firstName,
		lastName: contact.lastName,
		phone: contact.phone,
		postalCode: contact.postalCode,
		tags: [...contact.tags],
		website: contact.website,
		attachments: [],
		assignedTo: contact.assignedTo,
		customFields: contact.customFields.map(({ id, value }) => ({ id, value })),
	});
}

export function contactEvent(type: WebhookEvent, contact: ContactRecord): EventData {
	const fields = contactFields(contact, type === 'ContactDndUpdate');
	return { type, locationId: contact.locationId, ...fields };
}

export function taskEvent(type: WebhookEvent, task: TaskRecord): EventData {
	return {
		type,
		locationId: task.locationId,
		...defined({
			id: task.id,
			assignedTo: task.assignedTo,
			body: task.body,
			contactId: task.contactId,
			title: task.title,
			dateAdded: iso(task.dateAdded),
			dueDate: iso(task.dueDate),
		}),
	};
}

export function noteEvent(type: WebhookEvent, note: NoteRecord): EventData {
	return {
		type,
		locationId: note.locationId,
		id: note.id,
		body: note.body,
		contactId: note.contactId,
		dateAdded: iso(note.dateAdded),
	};
}

export function appointmentEvent(type: WebhookEvent, event: AppointmentRecord): EventData {
	return {
		type,
		locationId: event.locationId,
		appointment: {
			id: event.id,
			address: event.address,
			title: event.title,
			calendarId: event.calendarId,
			contactId: event.contactId,
			groupId: event.groupId,
			appointmentStatus: event.appointmentStatus,
			assignedUserId: event.assignedUserId,
			users: [event.assignedUserId],
			notes: event.notes,
			source: 'sandbox',
			startTime: iso(event.startTime),
			endTime: iso(event.endTime),
			dateAdded: iso(event.dateAdded),
			dateUpdated: iso(event.dateUpdated),
		},
	};
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A contact change as GHL reports it: tag changes as ContactTagUpdate, DND changes as
 * ContactDndUpdate, and changes to any other field of the payload as ContactUpdate (one
 * change may send several).
 */
function contactUpdates(before: ContactRecord, after: ContactRecord): EventData[] {
	const events: EventData[] = [];
	if (!same(before.tags, after.tags)) events.push(contactEvent('ContactTagUpdate', after));
	if (before.dnd !== after.dnd || !same(before.dndSettings, after.dndSettings)) {
		events.push(contactEvent('ContactDndUpdate', after));
	}
	const rest = (contact: ContactRecord) => {
		const { tags, dnd, dateAdded, ...fields } = contactFields(contact, false);
		return fields;
	};
	if (!same(rest(before), rest(after))) events.push(contactEvent('ContactUpdate', after));
	return events;
}

/** The webhook events a change of the sandbox's data sends (none for changes GHL keeps quiet). */
export function eventsOf(change: WorldChange): EventData[] {
	switch (change.kind) {
		case 'contact': {
			const { before, after } = change;
			if (!before) return after ? [contactEvent('ContactCreate', after)] : [];
			if (!after) return [contactEvent('ContactDelete', before)];
			return contactUpdates(before, after);
		}
		case 'task': {
			const { before, after } = change;
			if (!before) return after ? [taskEvent('TaskCreate', after)] : [];
			if (!after) return [taskEvent('TaskDelete', before)];
			// GHL has no TaskUpdate event, nor one for reopening a task.
			return !before.completed && after.completed ? [taskEvent('TaskComplete', after)] : [];
		}
		case 'note': {
			const { before, after } = change;
			if (!before) return after ? [noteEvent('NoteCreate', after)] : [];
			if (!after) return [noteEvent('NoteDelete', before)];
			return [noteEvent('NoteUpdate', after)];
		}
		case 'appointment': {
			const { before, after } = change;
			if (!before) return after ? [appointmentEvent('AppointmentCreate', after)] : [];
			if (!after) return [appointmentEvent('AppointmentDelete', before)];
			return [appointmentEvent('AppointmentUpdate', after)];
		}
	}
}
