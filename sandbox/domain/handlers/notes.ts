import type { SandboxRequest } from '../../types';
import { unprocessable } from '../errors';
import type { NoteRecord } from '../records';
import { eventView, noteView } from '../views';
import { bodyOf, created, ok, SUCCEEDED } from './common';
import type { HandlerFactory } from './common';

function noteChanges(req: SandboxRequest): Partial<NoteRecord> {
	const body = bodyOf(req);
	const changes: Partial<NoteRecord> = {};
	for (const field of ['body', 'userId', 'title', 'color'] as const) {
		const value = body[field];
		if (value === undefined) continue;
		if (value !== null && typeof value !== 'string')
			throw unprocessable(`${field} must be a string`);
		changes[field] = value ?? undefined;
	}
	if (changes.color !== undefined && !/^#[0-9a-fA-F]{3,8}$/.test(changes.color)) {
		throw unprocessable('color must be a hexadecimal color');
	}
	if (body.pinned !== undefined) {
		if (typeof body.pinned !== 'boolean') throw unprocessable('pinned must be a boolean value');
		changes.pinned = body.pinned;
	}
	return changes;
}

/** Notes, newest first, and the contact's appointments. */
export const noteHandlers: HandlerFactory = (world) => ({
	'get-all-notes': (req) => {
		world.contactFor(req.grant.locationId, req.params.contactId);
		const notes = world.notes.list(req.params.contactId).sort((a, b) => b.dateAdded - a.dateAdded);
		return ok({ notes: notes.map(noteView) });
	},

	'create-note': (req) => {
		const contact = world.contactFor(req.grant.locationId, req.params.contactId);
		const changes = noteChanges(req);
		if (!changes.body) throw unprocessable('body should not be empty');
		const now = world.clock.now();
		const note: NoteRecord = {
			id: world.newId(),
			contactId: contact.id,
			locationId: contact.locationId,
			body: changes.body,
			userId: changes.userId ?? req.grant.userId,
			title: changes.title,
			color: changes.color,
			pinned: changes.pinned ?? false,
			dateAdded: now,
			dateUpdated: now,
		};
		world.notes.put(note);
		return created({ note: noteView(note) });
	},

	'get-note': (req) => {
		const { contactId, id } = req.params;
		return ok({ note: noteView(world.noteFor(req.grant.locationId, contactId, id)) });
	},

	'update-note': (req) => {
		const { contactId, id } = req.params;
		const note = world.noteFor(req.grant.locationId, contactId, id);
		const changes = noteChanges(req);
		if ('body' in changes && !changes.body) throw unprocessable('body should not be empty');
		const next = { ...note, ...changes, dateUpdated: world.clock.now() };
		world.notes.put(next);
		return ok({ note: noteView(next) });
	},

	'delete-note': (req) => {
		const { contactId, id } = req.params;
		world.noteFor(req.grant.locationId, contactId, id);
		world.notes.delete(contactId, id);
		return ok(SUCCEEDED);
	},

	'get-appointments-for-contact': (req) => {
		world.contactFor(req.grant.locationId, req.params.contactId);
		const events = world.appointments
			.list(req.params.contactId)
			.sort((a, b) => a.startTime - b.startTime);
		return ok({ events: events.map(eventView) });
	},
});
