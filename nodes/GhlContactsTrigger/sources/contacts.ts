import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { readContacts, type SearchAnswer } from '../../shared/contactSearch';
import { ghlApiRequest, type GhlConnection } from '../../shared/transport';
import {
	advance,
	emptyCursor,
	unseen,
	windowStart,
	type StreamCursor,
	type StreamItem,
} from '../cursor';
import type { TriggerEvent } from '../events';
import { fieldChanges, rememberBaselines, storedValues } from '../fieldChanges';
import { contactFingerprint } from '../fingerprint';
import type { PollRun } from '../run';
import type { TriggerSettings } from '../settings';
import { LIMITS, type TriggerState } from '../state';

/** Contacts a test fetch reads to find one that was changed after its creation. */
const SAMPLE_SIZE = 10;

type Field = 'dateAdded' | 'dateUpdated';

interface Read {
	contact: IDataObject;
	item: StreamItem;
}

/**
 * A contact as a stream item. A change is keyed by the contact and what it now holds, so that a
 * second change GHL stamps in the same millisecond as the first is not taken for a re-read.
 */
function readOf(contact: IDataObject, field: Field): Read | undefined {
	const at = Date.parse(String(contact[field] ?? ''));
	if (Number.isNaN(at)) return undefined;
	const id = String(contact.id);
	const key = field === 'dateUpdated' ? `${id}~${contactFingerprint(contact)}` : id;
	return { contact, item: { id: key, at } };
}

const criteriaOf = (
	connection: GhlConnection,
	field: Field,
	direction: 'asc' | 'desc',
	from?: number,
): IDataObject => ({
	locationId: connection.locationId,
	sort: [{ field, direction }],
	filters:
		from === undefined
			? []
			: [{ field, operator: 'range', value: { gte: new Date(from).toISOString() } }],
});

async function send(
	ctx: IPollFunctions,
	connection: GhlConnection,
	body: IDataObject,
): Promise<SearchAnswer> {
	return (await ghlApiRequest.call(ctx, connection, {
		operationId: 'search-contacts-advanced',
		label: 'Search Contacts',
		body,
	})) as SearchAnswer;
}

/**
 * Reads the location's contacts by `field`: descending from the newest, page after page, until
 * `enough` says the pages read cover what is needed; or ascending from `from`, a catch-up, in
 * date ranges at once (see `readContacts`) until done or the poll's time is up (`enough`): the
 * rest is read by the next poll.
 */
async function search(
	ctx: IPollFunctions,
	connection: GhlConnection,
	field: Field,
	direction: 'asc' | 'desc',
	from: number | undefined,
	enough: (reads: Read[]) => boolean,
): Promise<Read[]> {
	const sofar: Read[] = [];
	const readOfContact = new WeakMap<IDataObject, Read>();
	const contacts = await readContacts({
		node: ctx.getNode(),
		label: 'Search Contacts',
		criteria: criteriaOf(connection, field, direction, from),
		// A look back has no end of its own: it reads at most what the dedup record may hold.
		limit: direction === 'desc' ? LIMITS.seenKeys : Infinity,
		shape: (contact) => {
			const read = readOf(contact, field);
			if (read) {
				readOfContact.set(contact, read);
				sofar.push(read);
			}
			return contact;
		},
		stop: () => enough(sofar),
		send: async (body) => await send(ctx, connection, body),
	});
	const reads: Read[] = [];
	const undated: string[] = [];
	for (const contact of contacts) {
		const read = readOfContact.get(contact);
		if (read) reads.push(read);
		else undated.push(String(contact.id));
	}
	if (undated.length > 0) warnUndated(ctx, field, undated);
	return reads;
}

/** Not dropped silently: a contact the trigger cannot place in time is never emitted. */
function warnUndated(ctx: IPollFunctions, field: Field, ids: string[]): void {
	const named = ids.slice(0, 5).map((id) => id.slice(0, 40));
	ctx.logger.warn(
		`GHL Contacts Trigger: GHL's search returned ${ids.length} contact(s) without a valid ${field} (${named.join(', ')}${ids.length > 5 ? ', …' : ''}), which cannot be emitted`,
		{ node: ctx.getNode().name, workflowId: ctx.getWorkflow().id },
	);
}

/** The newest timestamp read (a poll may read half a million contacts: no spread arguments). */
const newestOf = (reads: Read[]) =>
	reads.reduce((newest, r) => Math.max(newest, r.item.at), Number.NEGATIVE_INFINITY);

/** A contact counts as updated once `dateUpdated` has moved past its creation. */
const isUpdate = (contact: IDataObject) =>
	Date.parse(String(contact.dateUpdated ?? '')) > Date.parse(String(contact.dateAdded ?? ''));

interface Stream {
	event: 'newContact' | 'contactUpdated';
	field: Field;
}

const NEW_CONTACTS: Stream = { event: 'newContact', field: 'dateAdded' };
const CHANGED_CONTACTS: Stream = { event: 'contactUpdated', field: 'dateUpdated' };

interface StreamRead {
	cursor: StreamCursor;
	/** Contacts read for the first time (the dedup record and the baselines take them). */
	handled: Read[];
	/** Those of them that are the stream's event, oldest first. */
	emit: Read[];
}

/**
 * A stream's first poll: the cursor starts at the newest contact the server has (its clock, not
 * n8n's), with everything in the overlap window below it recorded as handled; "latest" also
 * emits the newest matching contacts.
 */
async function firstRead(run: PollRun, stream: Stream, wanted: number): Promise<StreamRead> {
	const { ctx, connection, settings } = run;
	const reads = await search(ctx, connection, stream.field, 'desc', undefined, (sofar) => {
		const oldest = sofar[sofar.length - 1];
		return (
			sofar.length >= wanted && !!oldest && oldest.item.at < sofar[0].item.at - settings.overlapMs
		);
	});
	const matching = reads.filter((r) => stream.event === 'newContact' || isUpdate(r.contact));
	const readUpTo = newestOf(reads);
	const recorded = matching.map((r) => r.item);
	return {
		cursor: advance(
			emptyCursor(),
			recorded,
			settings.overlapMs,
			LIMITS.seenKeys,
			run.nowMs,
			readUpTo,
		),
		handled: reads,
		emit: matching.slice(0, wanted).reverse(),
	};
}

/** A later poll (or a first one from a date): everything from the window start not yet handled. */
async function nextRead(run: PollRun, stream: Stream, start: StreamCursor): Promise<StreamRead> {
	const { ctx, connection, settings } = run;
	const { overlapMs } = settings;
	const from = windowStart(start, overlapMs);
	const reads = await search(ctx, connection, stream.field, 'asc', from, () => run.outOfTime());
	const fresh = new Set(
		unseen(
			start,
			overlapMs,
			reads.map((r) => r.item),
		),
	);
	const handled = reads.filter((r) => fresh.has(r.item));
	const emit = stream.event === 'newContact' ? handled : handled.filter((r) => isUpdate(r.contact));
	// A contact never changed since its creation is no change to tell apart from a re-read.
	const readUpTo = newestOf(reads);
	const recorded = emit.map((r) => r.item);
	const cursor = advance(start, recorded, overlapMs, LIMITS.seenKeys, run.nowMs, readUpTo);
	if (cursor.floor !== undefined && cursor.floor !== start.floor) {
		ctx.logger.warn(
			`GHL Contacts Trigger: more than ${LIMITS.seenKeys} contacts changed within Search Lag; for now, a contact that reaches search later than ${new Date(cursor.floor).toISOString()} is not emitted`,
			{ node: ctx.getNode().name, workflowId: ctx.getWorkflow().id },
		);
	}
	return { cursor, handled, emit };
}

/** Where a stream without stored state starts. */
async function startRead(run: PollRun, stream: Stream): Promise<StreamRead> {
	const { firstPoll } = run;
	if (firstPoll.kind === 'sinceDate')
		return await nextRead(run, stream, emptyCursor(firstPoll.since));
	return await firstRead(run, stream, firstPoll.kind === 'latest' ? firstPoll.count : 0);
}

/** A contact event with the time it happened, for ordering the two streams together. */
export interface TimedEvent {
	at: number;
	event: TriggerEvent;
}

/** New contacts since the stored cursor, oldest first. */
export async function pollNewContacts(
	run: PollRun,
	stored: StreamCursor | undefined,
): Promise<{ contactEvents: TimedEvent[]; state: StreamCursor }> {
	const { cursor, emit } = stored
		? await nextRead(run, NEW_CONTACTS, stored)
		: await startRead(run, NEW_CONTACTS);
	return {
		contactEvents: emit.map((r) => ({
			at: r.item.at,
			event: { event: 'newContact', kind: 'contact', record: r.contact },
		})),
		state: cursor,
	};
}

/**
 * Changed contacts since the stored cursor, oldest first; with Watch Fields, only those whose
 * watched values changed, with old and new values.
 */
export async function pollUpdatedContacts(
	run: PollRun,
	stored: TriggerState['updatedContacts'],
): Promise<{
	contactEvents: TimedEvent[];
	state: NonNullable<TriggerState['updatedContacts']>;
}> {
	const { watchFields } = run.settings;
	const { cursor, handled, emit } = stored
		? await nextRead(run, CHANGED_CONTACTS, stored)
		: await startRead(run, CHANGED_CONTACTS);
	const previous = watchFields.length > 0 ? stored?.baselines : undefined;
	const before = storedValues(previous, watchFields);
	const contactEvents: TimedEvent[] = [];
	for (const r of emit) {
		const changes =
			watchFields.length > 0
				? fieldChanges(before.get(String(r.contact.id)), watchFields, r.contact)
				: undefined;
		if (watchFields.length > 0 && !changes) continue;
		contactEvents.push({
			at: r.item.at,
			event: {
				event: 'contactUpdated',
				kind: 'contact',
				record: r.contact,
				...(changes ? { changes } : {}),
			},
		});
	}
	const state =
		watchFields.length > 0
			? {
					...cursor,
					baselines: rememberBaselines(
						previous,
						watchFields,
						handled.map((r) => r.contact),
					),
				}
			: cursor;
	return { contactEvents, state };
}

/** For "Fetch Test Event": the newest contact of each chosen contact event. */
export async function sampleContacts(
	ctx: IPollFunctions,
	connection: GhlConnection,
	settings: TriggerSettings,
): Promise<TriggerEvent[]> {
	const samples: TriggerEvent[] = [];
	for (const { event, field } of [NEW_CONTACTS, CHANGED_CONTACTS]) {
		if (!settings.events.has(event)) continue;
		const { contacts = [] } = (await send(ctx, connection, {
			...criteriaOf(connection, field, 'desc'),
			pageLimit: SAMPLE_SIZE,
		})) as { contacts?: IDataObject[] };
		const contact = event === 'newContact' ? contacts[0] : (contacts.find(isUpdate) ?? contacts[0]);
		if (contact) samples.push({ event, kind: 'contact', record: contact });
	}
	return samples;
}
