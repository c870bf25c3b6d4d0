import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, PageGuard, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { localLimitFields, readLocalLimit } from '../../helpers/localLimit';
import { locationIdFor } from '../../helpers/location';
import { MAX_SEARCH_TEXT } from '../../helpers/searchFilters';
import { businessIdLocator, simplifyField } from '../common.descriptions';
import { contactOutputOptions, contactShaper } from './contactOutput';

/** The endpoint serves at most this many contacts per request. */
const MAX_PAGE_SIZE = 100;

const properties: INodeProperties[] = [
	businessIdLocator,
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

export const description = showOnlyFor('contact', 'getManyByBusiness', properties);

/** Pages by `skip`; the spec types `limit` and `skip` as strings, so they are sent as such. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject[]> {
	const businessId = requireId.call(this, 'businessId', 'Business ID', itemIndex);
	const locationId = locationIdFor.call(this, connection, itemIndex);
	const query = String(this.getNodeParameter('query', itemIndex, '') ?? '').trim();
	const limit = readLocalLimit.call(this, itemIndex);
	const shape = await contactShaper.call(this, connection, locationId, itemIndex);
	const pageSize = Math.min(limit, MAX_PAGE_SIZE);
	const contacts: IDataObject[] = [];
	const guard = new PageGuard(this.getNode(), 'Get Many Contacts by Business', itemIndex);
	for (;;) {
		const qs: IDataObject = {
			locationId,
			limit: String(pageSize),
			skip: String(contacts.length),
		};
		if (query) qs.query = query.slice(0, MAX_SEARCH_TEXT);
		const page = (await ghlApiRequest.call(this, connection, {
			operationId: 'get-contacts-by-businessId',
			label: 'Get Many Contacts by Business',
			pathParams: { businessId },
			qs,
			itemIndex,
			uncached: true,
		})) as { contacts?: unknown; count?: number };
		const batch = guard.page(page.contacts ?? []);
		// Shaped as it arrives: the page as GHL sent it is not held.
		contacts.push(...batch.map(shape));
		const reachedCount = typeof page.count === 'number' && contacts.length >= page.count;
		if (contacts.length >= limit || batch.length < pageSize || reachedCount) break;
		guard.next(contacts.length, contacts.length);
	}
	return contacts.length > limit ? contacts.slice(0, limit) : contacts;
}
