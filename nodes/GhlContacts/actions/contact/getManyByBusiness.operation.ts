import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readOffsetPages } from '../../../shared/offsetRead';
import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
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

/**
 * Pages by `skip`, the pages past the first at once (see readOffsetPages); the spec types `limit`
 * and `skip` as strings, so they are sent as such.
 */
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
	const label = 'Get Many Contacts by Business';
	return await readOffsetPages({
		node: this.getNode(),
		label,
		itemIndex,
		pageSize: MAX_PAGE_SIZE,
		limit,
		shape,
		send: async (skip, pageLimit) => {
			const qs: IDataObject = { locationId, limit: String(pageLimit), skip: String(skip) };
			if (query) qs.query = query.slice(0, MAX_SEARCH_TEXT);
			const page = (await ghlApiRequest.call(this, connection, {
				operationId: 'get-contacts-by-businessId',
				label,
				pathParams: { businessId },
				qs,
				itemIndex,
				uncached: true,
			})) as { contacts?: unknown; count?: unknown };
			return { records: page.contacts ?? [], count: page.count };
		},
	});
}
