import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ghlApiRequest, PageGuard, resolveConnection } from '../../shared/transport';
import { filterResults, pickerRequest, toListItems } from './pickers';

const PAGE_SIZE = 50;

/** The contact picker's next page: the search cursor and how many pages came before. */
interface ContactPageToken {
	after: unknown[];
	pages: number;
}

/** Contacts by name, email or phone, newest first, paged with the search cursor. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const connection = await resolveConnection(this);
	const body: IDataObject = {
		locationId: connection.locationId,
		pageLimit: PAGE_SIZE,
		sort: [{ field: 'dateAdded', direction: 'desc' }],
	};
	if (filter) body.query = filter.slice(0, 75);
	const token = paginationToken ? (JSON.parse(paginationToken) as ContactPageToken) : undefined;
	if (token) body.searchAfter = token.after;
	const guard = new PageGuard(
		this.getNode(),
		'Search Contacts',
		undefined,
		token && { pages: token.pages, cursor: token.after },
	);
	const page = await ghlApiRequest.call<
		ILoadOptionsFunctions,
		Parameters<typeof ghlApiRequest>,
		Promise<{ contacts?: unknown }>
	>(this, connection, { operationId: 'search-contacts-advanced', label: 'Search Contacts', body });
	const contacts = guard.page(page.contacts ?? []);
	const results = contacts.map((contact) => {
		const name =
			[contact.firstName, contact.lastName].filter(Boolean).join(' ') || 'Unnamed contact';
		const detail = contact.email ?? contact.phone;
		return { name: detail ? `${name} (${String(detail)})` : name, value: String(contact.id) };
	});
	const after = contacts[contacts.length - 1]?.searchAfter;
	if (contacts.length < PAGE_SIZE || !Array.isArray(after)) return { results };
	guard.next(after);
	const next: ContactPageToken = { after, pages: (token?.pages ?? 0) + 1 };
	return { results, paginationToken: JSON.stringify(next) };
}

/** The location's tags; a tag is sent by name, so the name is the value. */
export async function searchTags(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { tags } = await pickerRequest<{ tags: IDataObject[] }>(this, {
		operationId: 'get-location-tags',
		label: 'Search Tags',
		fallbackMode: 'By Name',
		params: (locationId) => ({ pathParams: { locationId } }),
	});
	const names = [...new Set(tags.map((tag) => String(tag.name)))];
	const found = filterResults(
		names.map((name) => ({ name, value: name })),
		filter,
	);
	// A tag the location does not have yet is used as typed (GHL creates it), so the list never
	// answers "No results" to it.
	const typed = filter?.trim();
	if (typed && !names.some((name) => name.toLowerCase() === typed.toLowerCase())) {
		found.results.unshift({ name: `${typed} (new tag)`, value: typed });
	}
	return found;
}

export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { campaigns } = await pickerRequest<{ campaigns: IDataObject[] }>(this, {
		operationId: 'get-campaigns',
		label: 'Search Campaigns',
		fallbackMode: 'By ID',
		params: (locationId) => ({ qs: { locationId } }),
	});
	return filterResults(toListItems(campaigns), filter);
}

export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { workflows } = await pickerRequest<{ workflows: IDataObject[] }>(this, {
		operationId: 'get-workflow',
		label: 'Search Workflows',
		fallbackMode: 'By ID',
		params: (locationId) => ({ qs: { locationId } }),
	});
	return filterResults(toListItems(workflows), filter);
}

const BUSINESS_PAGE_SIZE = 100;

/** The business picker's next page: its offset, and the last business of the page before. */
interface BusinessPageToken {
	skip: number;
	last: string;
}

/**
 * Businesses page by `skip`. A server that ignores `skip` answers the same page again, which
 * shows as the same last business: the guard takes that as a repeated cursor.
 */
export async function searchBusinesses(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const token = paginationToken ? (JSON.parse(paginationToken) as BusinessPageToken) : undefined;
	const skip = token?.skip ?? 0;
	const page = await pickerRequest<{ businesses?: unknown }>(this, {
		operationId: 'get-businesses-by-location',
		label: 'Search Businesses',
		fallbackMode: 'By ID',
		params: (locationId) => ({
			qs: { locationId, limit: String(BUSINESS_PAGE_SIZE), skip: String(skip) },
		}),
	});
	const guard = new PageGuard(
		this.getNode(),
		'Search Businesses',
		undefined,
		token && { pages: skip / BUSINESS_PAGE_SIZE, cursor: token.last },
	);
	const businesses = guard.page(page.businesses ?? []);
	if (businesses.length < BUSINESS_PAGE_SIZE) return filterResults(toListItems(businesses), filter);
	const last = String(businesses[businesses.length - 1].id);
	guard.next(last);
	const next: BusinessPageToken = { skip: skip + BUSINESS_PAGE_SIZE, last };
	return filterResults(toListItems(businesses), filter, JSON.stringify(next));
}

/**
 * The location's users (for assignees, note authors and followers). The endpoint cannot search,
 * so the list is filtered here by name and email.
 */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { users } = await pickerRequest<{ users: IDataObject[] }>(this, {
		operationId: 'get-user-by-location',
		label: 'Search Users',
		fallbackMode: 'By ID',
		params: (locationId) => ({ qs: { locationId } }),
	});
	const entries = users.map((user) => {
		const name =
			String(user.name ?? '').trim() ||
			[user.firstName, user.lastName].filter(Boolean).join(' ') ||
			String(user.id);
		return { name: user.email ? `${name} (${String(user.email)})` : name, value: String(user.id) };
	});
	return filterResults(entries, filter);
}

export { searchSubAccounts } from '../../shared/subAccount';
