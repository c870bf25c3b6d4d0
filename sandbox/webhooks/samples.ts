import { randomUUID } from 'node:crypto';

import type { ContactRecord } from '../domain/records';
import {
	appointmentEvent,
	contactEvent,
	noteEvent,
	taskEvent,
	type EventData,
	type WebhookEvent,
} from './events';

const id = () => randomUUID().replace(/-/g, '').slice(0, 20);

/**
 * A made-up event of each type, in the shape the sandbox sends for real changes, for control
 * API sends that name no record (the fields of `overrides` replace the sample's).
 */
export function sampleEvent(
	type: WebhookEvent,
	locationId: string,
	now: number,
	overrides: Record<string, unknown> = {},
): EventData {
	const contactId = id();
	const hour = 60 * 60 * 1000;
	let data: EventData;
	if (type.startsWith('Contact')) {
		const contact: ContactRecord = {
			id: contactId,
			locationId,
			firstName: 'Sample',
			lastName: 'Contact',
			email: 'sample.contact@example.com',
			phone: '+15550100000',
			type: 'lead',
			dnd: type === 'ContactDndUpdate',
			dndSettings: type === 'ContactDndUpdate' ? { SMS: { status: 'active' } } : {},
			tags: ['sample'],
			customFields: [],
			followers: [],
			campaigns: [],
			workflows: [],
			dateAdded: now,
			dateUpdated: now,
		};
		data = contactEvent(type, contact);
	} else if (type.startsWith('Task')) {
		data = taskEvent(type, {
			id: id(),
			contactId,
			locationId,
			title: 'Sample task',
			body: 'Sample task body',
			dueDate: now + 24 * hour,
			completed: type === 'TaskComplete',
			dateAdded: now,
			dateUpdated: now,
		});
	} else if (type.startsWith('Note')) {
		data = noteEvent(type, {
			id: id(),
			contactId,
			locationId,
			body: 'Sample note',
			pinned: false,
			dateAdded: now,
			dateUpdated: now,
		});
	} else {
		data = appointmentEvent(type, {
			id: id(),
			contactId,
			locationId,
			calendarId: id(),
			title: 'Sample appointment',
			status: 'booked',
			appointmentStatus: 'confirmed',
			assignedUserId: id(),
			notes: '',
			address: 'https://example.com/meeting',
			groupId: id(),
			startTime: now + hour,
			endTime: now + 2 * hour,
			dateAdded: now,
			dateUpdated: now,
		});
	}
	return { ...data, ...overrides, type };
}
