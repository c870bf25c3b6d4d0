import type { SandboxRequest } from '../../types';
import { badRequest } from '../errors';
import type { ContactRecord } from '../records';
import { queryPredicate } from '../search';
import { listItemView } from '../views';
import type { World } from '../world';
import { checkLocation, intQuery, ok, queryValue } from './common';
import type { HandlerFactory } from './common';

function contactsOf(
	world: World,
	req: SandboxRequest,
	extra?: (c: ContactRecord) => boolean,
): ContactRecord[] {
	const matches = queryPredicate(queryValue(req, 'query'));
	const out: ContactRecord[] = [];
	for (const contact of world.contacts.values()) {
		if (contact.locationId !== req.grant.locationId) continue;
		if ((matches && !matches(contact)) || (extra && !extra(contact))) continue;
		out.push(contact);
	}
	return out;
}

/** Oldest first, ties broken by id: the order the `startAfter` + `startAfterId` cursor walks. */
type CursorPosition = Pick<ContactRecord, 'dateAdded' | 'id'>;
function byDateAdded(a: CursorPosition, b: CursorPosition): number {
	return a.dateAdded - b.dateAdded || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export const listHandlers: HandlerFactory = (world) => ({
	/** Deprecated `GET /contacts/`: `{contacts, count, meta}` with a cursor in `meta`. */
	'get-contacts': (req) => {
		checkLocation(req, queryValue(req, 'locationId'));
		const limit = intQuery(req, 'limit', 20, 1, 100);
		const all = contactsOf(world, req).sort(byDateAdded);
		const startAfterId = queryValue(req, 'startAfterId');
		const startAfterRaw = queryValue(req, 'startAfter');
		let start = 0;
		if (startAfterId || startAfterRaw) {
			const cursorContact = startAfterId ? world.contacts.get(startAfterId) : undefined;
			if (startAfterId && !cursorContact && !startAfterRaw)
				throw badRequest(`Contact with id ${startAfterId} not found`);
			const after = startAfterRaw
				? Number(startAfterRaw)
				: (cursorContact as ContactRecord).dateAdded;
			if (!Number.isFinite(after))
				throw badRequest('startAfter must be a number (epoch milliseconds)');
			// Without an id, every contact of the `startAfter` millisecond counts as already seen.
			const cursor = { dateAdded: after, id: startAfterId ?? '\uffff' };
			start = all.findIndex((c) => byDateAdded(c, cursor) > 0);
			if (start < 0) start = all.length;
		}
		const page = all.slice(start, start + limit);
		const last = page[page.length - 1];
		const currentPage = Math.floor(start / limit) + 1;
		const hasMore = start + page.length < all.length;
		let nextPageUrl: string | null = null;
		if (hasMore && last) {
			const params = new URLSearchParams({
				locationId: req.grant.locationId,
				limit: String(limit),
				startAfter: String(last.dateAdded),
				startAfterId: last.id,
			});
			const q = queryValue(req, 'query');
			if (q) params.set('query', q);
			nextPageUrl = `http://${String(req.headers.host ?? 'localhost')}/contacts/?${params.toString()}`;
		}
		return ok({
			contacts: page.map(listItemView),
			count: all.length,
			meta: {
				total: all.length,
				nextPageUrl,
				startAfterId: last?.id ?? null,
				startAfter: last?.dateAdded ?? null,
				currentPage,
				nextPage: hasMore ? currentPage + 1 : null,
				prevPage: currentPage > 1 ? currentPage - 1 : null,
			},
		});
	},

	'get-contacts-by-businessId': (req) => {
		checkLocation(req, queryValue(req, 'locationId'));
		const limit = intQuery(req, 'limit', 25, 1, 100);
		const skip = intQuery(req, 'skip', 0, 0);
		const { businessId } = req.params;
		const all = contactsOf(world, req, (c) => c.businessId === businessId).sort(byDateAdded);
		return ok({ contacts: all.slice(skip, skip + limit).map(listItemView), count: all.length });
	},
});
