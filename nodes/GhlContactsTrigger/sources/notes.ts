import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../shared/transport';
import type { TriggerEvent } from '../events';
import type { TriggerSettings } from '../settings';
import type { NoteCursor, TriggerState } from '../state';

interface Note {
	note: IDataObject;
	at: number;
}

/** The watched contacts' notes, each with its `dateAdded` (epoch ms), one request per contact. */
async function readNotes(
	ctx: IPollFunctions,
	connection: GhlConnection,
	contactId: string,
): Promise<Note[]> {
	const { notes = [] } = (await ghlApiRequest.call(ctx, connection, {
		operationId: 'get-all-notes',
		label: 'Get Many Notes',
		pathParams: { contactId },
	})) as { notes?: IDataObject[] };
	return notes
		.map((note) => ({ note: { contactId, ...note }, at: Date.parse(String(note.dateAdded ?? '')) }))
		.filter((entry) => !Number.isNaN(entry.at));
}

/** Where a contact's notes stand after `notes`: the newest time and the ids at it. */
function cursorAfter(cursor: NoteCursor, notes: Note[]): NoteCursor {
	let { at, ids } = cursor;
	for (const { note, at: time } of notes) {
		if (at === null || time > at) {
			at = time;
			ids = [String(note.id)];
		} else if (time === at && !ids.includes(String(note.id))) {
			ids = [...ids, String(note.id)];
		}
	}
	return { at, ids };
}

const isNew = (cursor: NoteCursor, { note, at }: Note) =>
	cursor.at === null ||
	at > cursor.at ||
	(at === cursor.at && !cursor.ids.includes(String(note.id)));

/**
 * New notes of the watched contacts since each contact's stored cursor, oldest first. A contact
 * seen for the first time starts at its newest note, unless the whole source is new and the first
 * poll setting asks for older notes.
 */
export async function pollNotes(
	ctx: IPollFunctions,
	connection: GhlConnection,
	settings: TriggerSettings,
	state: TriggerState,
	next: TriggerState,
): Promise<TriggerEvent[]> {
	const fresh: Note[] = [];
	const cursors: Record<string, NoteCursor> = {};
	const firstPoll =
		state.notes === undefined ? settings.firstPoll : { kind: 'nothingOld' as const };
	const backlog: Note[] = [];
	for (const contactId of settings.watchedContactIds) {
		const notes = await readNotes(ctx, connection, contactId);
		const stored = state.notes?.[contactId];
		let cursor: NoteCursor;
		if (stored) cursor = stored;
		else if (firstPoll.kind === 'sinceDate') cursor = { at: firstPoll.since, ids: [] };
		else {
			backlog.push(...notes);
			cursors[contactId] = cursorAfter({ at: null, ids: [] }, notes);
			continue;
		}
		fresh.push(...notes.filter((note) => isNew(cursor, note)));
		cursors[contactId] = cursorAfter(cursor, notes);
	}
	if (firstPoll.kind === 'latest') {
		fresh.push(...backlog.sort((a, b) => b.at - a.at).slice(0, firstPoll.count));
	}
	next.notes = cursors;
	return fresh
		.sort((a, b) => a.at - b.at)
		.map(({ note }) => ({ event: 'newNote', kind: 'note', record: note }));
}

/** For "Fetch Test Event": the newest note of the watched contacts. */
export async function sampleNotes(
	ctx: IPollFunctions,
	connection: GhlConnection,
	settings: TriggerSettings,
): Promise<TriggerEvent[]> {
	let newest: Note | undefined;
	for (const contactId of settings.watchedContactIds) {
		for (const note of await readNotes(ctx, connection, contactId)) {
			if (!newest || note.at > newest.at) newest = note;
		}
	}
	return newest ? [{ event: 'newNote', kind: 'note', record: newest.note }] : [];
}
