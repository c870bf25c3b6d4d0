import { iso } from './dates';
import type { AppointmentRecord, ContactRecord, NoteRecord, TaskRecord } from './records';

/** Drops undefined members so that optional fields are absent rather than undefined. */
function compact<T extends Record<string, unknown>>(value: T): T {
	for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
	return value;
}

function lower(value: string | undefined): string | undefined {
	return value?.toLowerCase();
}

export function fullName(contact: ContactRecord): string | undefined {
	const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
	return name || undefined;
}

/** Fields every contact view shares. */
function common(contact: ContactRecord) {
	return {
		id: contact.id,
		locationId: contact.locationId,
		firstName: contact.firstName,
		lastName: contact.lastName,
		firstNameLowerCase: lower(contact.firstName),
		lastNameLowerCase: lower(contact.lastName),
		email: contact.email,
		phone: contact.phone,
		companyName: contact.companyName,
		address1: contact.address1,
		city: contact.city,
		state: contact.state,
		country: contact.country,
		postalCode: contact.postalCode,
		website: contact.website,
		timezone: contact.timezone,
		source: contact.source,
		type: contact.type,
		assignedTo: contact.assignedTo,
		dnd: contact.dnd,
		dndSettings: contact.dndSettings,
		tags: [...contact.tags],
		customFields: contact.customFields.map((f) => ({ id: f.id, value: f.value })),
		businessId: contact.businessId,
		dateOfBirth: contact.dateOfBirth,
		dateAdded: iso(contact.dateAdded),
		dateUpdated: iso(contact.dateUpdated),
	};
}

/** `GetContectByIdSchema`: get, update and upsert. */
export function contactView(contact: ContactRecord): Record<string, unknown> {
	return compact({
		...common(contact),
		name: fullName(contact),
		fullNameLowerCase: lower(fullName(contact)),
		emailLowerCase: lower(contact.email),
		followers: [...contact.followers],
		attributionSource: contact.attributionSource,
	});
}

/** `CreateContactSchema`: create. */
export function createdContactView(contact: ContactRecord): Record<string, unknown> {
	const birth = contact.dateOfBirth ? new Date(contact.dateOfBirth) : undefined;
	return compact({
		...common(contact),
		fullNameLowerCase: lower(fullName(contact)),
		emailLowerCase: lower(contact.email),
		deleted: false,
		bounceEmail: false,
		unsubscribeEmail: false,
		birthMonth: birth && birth.getUTCMonth() + 1,
		birthDay: birth?.getUTCDate(),
		followers: [...contact.followers],
	});
}

/** `ContactsSearchSchema`: the deprecated list and the business list. */
export function listItemView(contact: ContactRecord): Record<string, unknown> {
	return compact({
		...common(contact),
		contactName: lower(fullName(contact)),
		followers: [...contact.followers],
		attributions: contact.attributionSource ? [contact.attributionSource] : [],
	});
}

/** An item of `POST /contacts/search`, with its paging cursor. */
export function searchItemView(
	contact: ContactRecord,
	searchAfter: Array<string | number | null>,
): Record<string, unknown> {
	return compact({
		...common(contact),
		address: contact.address1,
		phoneLabel: contact.phone ? 'Mobile' : undefined,
		additionalEmails: [],
		additionalPhones: [],
		followers: [...contact.followers],
		validEmail: contact.email ? true : undefined,
		opportunities: [],
		searchAfter,
	});
}

export function taskView(task: TaskRecord): Record<string, unknown> {
	return compact({
		id: task.id,
		title: task.title,
		body: task.body,
		assignedTo: task.assignedTo,
		dueDate: iso(task.dueDate),
		completed: task.completed,
		contactId: task.contactId,
	});
}

export function noteView(note: NoteRecord): Record<string, unknown> {
	return compact({
		id: note.id,
		body: note.body,
		userId: note.userId,
		dateAdded: iso(note.dateAdded),
		contactId: note.contactId,
		title: note.title,
		color: note.color,
		pinned: note.pinned,
	});
}

/** GHL renders appointment times as `YYYY-MM-DD HH:mm:ss` (UTC here). */
function eventTime(epochMs: number): string {
	return iso(epochMs).slice(0, 19).replace('T', ' ');
}

export function eventView(event: AppointmentRecord): Record<string, unknown> {
	return {
		id: event.id,
		calendarId: event.calendarId,
		status: event.status,
		title: event.title,
		assignedUserId: event.assignedUserId,
		notes: event.notes,
		startTime: eventTime(event.startTime),
		endTime: eventTime(event.endTime),
		address: event.address,
		locationId: event.locationId,
		contactId: event.contactId,
		groupId: event.groupId,
		appointmentStatus: event.appointmentStatus,
		users: [event.assignedUserId],
		dateAdded: iso(event.dateAdded),
		dateUpdated: iso(event.dateUpdated),
		assignedResources: [],
	};
}
