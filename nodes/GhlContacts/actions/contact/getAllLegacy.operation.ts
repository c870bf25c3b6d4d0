import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, PageGuard, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { localLimitFields, readLocalLimit } from '../../helpers/localLimit';
import { locationIdFor } from '../../helpers/location';
import { MAX_SEARCH_TEXT } from '../../helpers/searchFilters';
import { simplifyField } from '../common.descriptions';
import { contactOutputOptions, contactShaper } from './contactOutput';

/** The deprecated list serves at most this many contacts per request. */
const MAX_PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	{
		displayName:
			'GHL deprecated this endpoint: use Get Many, which filters, sorts and pages past 10,000 contacts',
		name: 'deprecationNotice',
		type: 'notice',
		default: '',
	},
	...localLimitFields,
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		default: '',
		description: 'Only contacts matching this text',
	},
	simplifyField,
	contactOutputOptions,
];

export const description = showOnlyFor('contact', 'getAllLegacy', properties);

interface LegacyPage {
	contacts?: unknown;
	meta?: { total?: number; startAfterId?: string | null; startAfter?: number | null };
}

/** Oldest first; each next page starts after the cursor in the previous page's `meta`. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject[]> {
	const locationId = locationIdFor.call(this, connection, itemIndex);
	const query = String(this.getNodeParameter('query', itemIndex, '') ?? '').trim();
	const limit = readLocalLimit.call(this, itemIndex);
	const shape = await contactShaper.call(this, connection, locationId, itemIndex);
	const pageSize = Math.min(limit, MAX_PAGE_SIZE);
	const contacts: IDataObject[] = [];
	const guard = new PageGuard(this.getNode(), 'Get Many Contacts (Legacy List)', itemIndex);
	let cursor: IDataObject = {};
	for (;;) {
		const qs: IDataObject = { locationId, limit: pageSize, ...cursor };
		if (query) qs.query = query.slice(0, MAX_SEARCH_TEXT);
		const { contacts: listed = [], meta = {} } = (await ghlApiRequest.call(this, connection, {
			operationId: 'get-contacts',
			label: 'Get Many Contacts (Legacy List)',
			qs,
			itemIndex,
			uncached: true,
		})) as LegacyPage;
		const batch = guard.page(listed);
		// Shaped as it arrives: the page as GHL sent it is not held.
		contacts.push(...batch.map(shape));
		const reachedTotal = typeof meta.total === 'number' && contacts.length >= meta.total;
		if (contacts.length >= limit || batch.length < pageSize || reachedTotal || !meta.startAfterId) {
			break;
		}
		cursor = { startAfterId: meta.startAfterId };
		if (typeof meta.startAfter === 'number') cursor.startAfter = meta.startAfter;
		// Oldest first: the time the next page starts after never goes back.
		guard.next(cursor, typeof meta.startAfter === 'number' ? meta.startAfter : undefined);
	}
	return contacts.length > limit ? contacts.slice(0, limit) : contacts;
}
