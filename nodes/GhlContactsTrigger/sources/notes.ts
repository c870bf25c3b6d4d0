import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../shared/transport';
import { advance, emptyCursor, unseen, type StreamCursor } from '../cursor';
import type { TriggerEvent } from '../events';
import type { PollRun } from '../run';
import type { TriggerSettings } from '../settings';
import { LIMITS } from '../state';
import { eachWatchedContact } from './watchedContacts';

interface Note {
	note: IDataObject;
	at: number;
}

/** A watched contact's notes, each with its `dateAdded` (epoch ms). */
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

const itemOf = ({ note, at }: Note) => ({ id: String(note.id), at });

/**
 * New notes of the watched contacts, oldest first. Each contact's notes are a stream of their
 * own, with the same overlap window as contacts: a note that becomes visible after a newer one
 * is still emitted. A contact watched for the first time starts at its newest note, unless the
 * trigger's first poll asks for older notes.
 */
export async function pollNotes(
	run: PollRun,
	stored: Record<string, StreamCursor> | undefined,
): Promise<{ events: TriggerEvent[]; state: Record<string, StreamCursor> }> {
	const { ctx, connection, settings, firstPoll, nowMs } = run;
	const { overlapMs } = settings;
	const fresh: Note[] = [];
	const backlog: Note[] = [];
	const state = await eachWatchedContact(run, 'notes', stored, async (contactId, cursor) => {
		const notes = await readNotes(ctx, connection, contactId);
		const items = notes.map(itemOf);
		const advanceBy = (start: StreamCursor, handled: typeof items) =>
			advance(start, handled, overlapMs, LIMITS.seenKeys, nowMs);
		const start =
			cursor ?? (firstPoll.kind === 'sinceDate' ? emptyCursor(firstPoll.since) : undefined);
		if (start) {
			const added = new Set(unseen(start, overlapMs, items).map((item) => item.id));
			const handled = notes.filter((note) => added.has(String(note.note.id)));
			fresh.push(...handled);
			return advanceBy(start, handled.map(itemOf));
		}
		backlog.push(...notes);
		return advanceBy(emptyCursor(), items);
	});
	if (firstPoll.kind === 'latest') {
		fresh.push(...backlog.sort((a, b) => b.at - a.at).slice(0, firstPoll.count));
	}
	return {
		events: fresh
			.sort((a, b) => a.at - b.at)
			.map(({ note }) => ({ event: 'newNote', kind: 'note', record: note })),
		state,
	};
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
