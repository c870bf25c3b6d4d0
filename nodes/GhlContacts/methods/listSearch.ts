import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ghlApiRequest, resolveConnection } from '../../shared/transport';

const PAGE_SIZE = 50;

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
	if (paginationToken) body.searchAfter = JSON.parse(paginationToken) as unknown[];
	const { contacts } = await ghlApiRequest.call<
		ILoadOptionsFunctions,
		Parameters<typeof ghlApiRequest>,
		Promise<{ contacts: IDataObject[] }>
	>(this, connection, { operationId: 'search-contacts-advanced', label: 'Search Contacts', body });
	const results = contacts.map((contact) => {
		const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ') || 'Unnamed contact';
		const detail = contact.email ?? contact.phone;
		return { name: detail ? `${name} (${String(detail)})` : name, value: String(contact.id) };
	});
	const last = contacts[contacts.length - 1];
	return {
		results,
		paginationToken:
			contacts.length === PAGE_SIZE && last?.searchAfter ? JSON.stringify(last.searchAfter) : undefined,
	};
}
