import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { ghlApiRequest, PageGuard, type GhlConnection } from '../../shared/transport';
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
import type { TriggerSettings } from '../settings';
import { LIMITS, type TriggerState } from '../state';

/** The most GHL's search returns per page. */
export const SEARCH_PAGE_LIMIT = 500;
/** Contacts a test fetch reads to find one that was changed after its creation. */
const SAMPLE_SIZE = 10;

type Field = 'dateAdded' | 'dateUpdated';

interface Read {
	contact: IDataObject;
	item: StreamItem;
}

function readOf(contact: IDataObject, field: Field): Read | undefined {
	const at = Date.parse(String(contact[field] ?? ''));
	return Number.isNaN(at) ? undefined : { contact, item: { id: String(contact.id), at } };
}

async function searchPage(
	ctx: IPollFunctions,
	connection: GhlConnection,
	field: Field,
	direction: 'asc' | 'desc',
	pageLimit: number,
	from?: number,
	searchAfter?: unknown,
): Promise<IDataObject[]> {
	const body: IDataObject = {
		locationId: connection.locationId,
		pageLimit,
		sort: [{ field, direction }],
		filters:
			from === undefined
				? []
				: [{ field, operator: 'range', value: { gte: new Date(from).toISOString() } }],
	};
	if (searchAfter !== undefined) body.searchAfter = searchAfter;
	const { contacts = [] } = (await ghlApiRequest.call(ctx, connection, {
		operationId: 'search-contacts-advanced',
		label: 'Search Contacts',
		body,
	})) as { contacts?: IDataObject[] };
	return contacts;
}

/**
 * Reads the location's contacts by `field` with searchAfter paging: ascending from `from`, or
 * descending from the newest until `enough` says the pages read cover what is needed.
 */
async function search(
	ctx: IPollFunctions,
	connection: GhlConnection,
	field: Field,
	direction: 'asc' | 'desc',
	from: number | undefined,
	enough: (reads: Read[]) => boolean = () => false,
): Promise<Read[]> {
	const reads: Read[] = [];
	const guard = new PageGuard(ctx.getNode(), 'Search Contacts');
	let searchAfter: unknown;
	for (;;) {
		const page = await searchPage(
			ctx,
			connection,
			field,
			direction,
			SEARCH_PAGE_LIMIT,
			from,
			searchAfter,
		);
		const contacts = guard.page(page);
		for (const contact of contacts) {
			const read = readOf(contact, field);
			if (read) reads.push(read);
		}
		const last = contacts[contacts.length - 1];
		if (contacts.length < SEARCH_PAGE_LIMIT || !last || enough(reads)) return reads;
		searchAfter = last.searchAfter ?? [Date.parse(String(last[field])), last.id];
		// The cursor leads with the sort field's time: up when ascending, down when descending.
		const at = Array.isArray(searchAfter) ? Number(searchAfter[0]) : NaN;
		guard.next(searchAfter, Number.isFinite(at) ? (direction === 'asc' ? at : -at) : undefined);
	}
}

/** A contact counts as updated once `dateUpdated` has moved past its creation. */
const isUpdate = (contact: IDataObject) =>
	Date.parse(String(contact.dateUpdated ?? '')) > Date.parse(String(contact.dateAdded ?? ''));

interface Stream {
	event: 'newContact' | 'contactUpdated';
	field: Field;
}

const STREAMS: Stream[] = [
	{ event: 'newContact', field: 'dateAdded' },
	{ event: 'contactUpdated', field: 'dateUpdated' },
];

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
async function firstRead(
	ctx: IPollFunctions,
	connection: GhlConnection,
	stream: Stream,
	settings: TriggerSettings,
): Promise<StreamRead> {
	const wanted = settings.firstPoll.kind === 'latest' ? settings.firstPoll.count : 0;
	const reads = await search(ctx, connection, stream.field, 'desc', undefined, (sofar) => {
		const oldest = sofar[sofar.length - 1];
		return (
			sofar.length >= wanted && !!oldest && oldest.item.at < sofar[0].item.at - settings.overlapMs
		);
	});
	const items = reads.map((r) => r.item);
	const matching = reads.filter((r) => stream.event === 'newContact' || isUpdate(r.contact));
	return {
		cursor: advance(emptyCursor(), items, settings.overlapMs, LIMITS.seenIds),
		handled: reads,
		emit: matching.slice(0, wanted).reverse(),
	};
}

/** A later poll (or a first one from a date): everything from the window start not yet handled. */
async function nextRead(
	ctx: IPollFunctions,
	connection: GhlConnection,
	stream: Stream,
	settings: TriggerSettings,
	start: StreamCursor,
): Promise<StreamRead> {
	const { overlapMs } = settings;
	const reads = await search(ctx, connection, stream.field, 'asc', windowStart(start, overlapMs));
	const fresh = new Set(
		unseen(
			start,
			overlapMs,
			reads.map((r) => r.item),
		),
	);
	const handled = reads.filter((r) => fresh.has(r.item));
	return {
		cursor: advance(start, [...fresh], overlapMs, LIMITS.seenIds),
		handled,
		emit: stream.event === 'newContact' ? handled : handled.filter((r) => isUpdate(r.contact)),
	};
}

/** New and changed contacts since the stored cursors, oldest first; the cursors go to `next`. */
export async function pollContacts(
	ctx: IPollFunctions,
	connection: GhlConnection,
	settings: TriggerSettings,
	state: TriggerState,
	next: TriggerState,
): Promise<TriggerEvent[]> {
	const events: Array<{ at: number; event: TriggerEvent }> = [];
	const { firstPoll, watchFields } = settings;
	for (const stream of STREAMS) {
		if (!settings.events.has(stream.event)) continue;
		const stored = stream.event === 'newContact' ? state.newContacts : state.updatedContacts;
		const { cursor, handled, emit } = stored
			? await nextRead(ctx, connection, stream, settings, stored)
			: firstPoll.kind === 'sinceDate'
				? await nextRead(ctx, connection, stream, settings, emptyCursor(firstPoll.since))
				: await firstRead(ctx, connection, stream, settings);
		if (stream.event === 'newContact') {
			next.newContacts = cursor;
			for (const r of emit) {
				events.push({
					at: r.item.at,
					event: { event: 'newContact', kind: 'contact', record: r.contact },
				});
			}
			continue;
		}
		const previous = watchFields.length > 0 ? state.updatedContacts?.baselines : undefined;
		const before = storedValues(previous, watchFields);
		for (const r of emit) {
			const changes =
				watchFields.length > 0
					? fieldChanges(before.get(String(r.contact.id)), watchFields, r.contact)
					: undefined;
			if (watchFields.length > 0 && !changes) continue;
			events.push({
				at: r.item.at,
				event: {
					event: 'contactUpdated',
					kind: 'contact',
					record: r.contact,
					...(changes ? { changes } : {}),
				},
			});
		}
		next.updatedContacts =
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
	}
	// Each stream is in time order; together, in the order things happened.
	return events.sort((a, b) => a.at - b.at).map((entry) => entry.event);
}

/** For "Fetch Test Event": the newest contact of each chosen contact event. */
export async function sampleContacts(
	ctx: IPollFunctions,
	connection: GhlConnection,
	settings: TriggerSettings,
): Promise<TriggerEvent[]> {
	const samples: TriggerEvent[] = [];
	for (const { event, field } of STREAMS) {
		if (!settings.events.has(event)) continue;
		const contacts = await searchPage(ctx, connection, field, 'desc', SAMPLE_SIZE);
		const contact = event === 'newContact' ? contacts[0] : (contacts.find(isUpdate) ?? contacts[0]);
		if (contact) samples.push({ event, kind: 'contact', record: contact });
	}
	return samples;
}
