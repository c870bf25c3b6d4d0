import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readContacts, type SearchAnswer } from '../../../shared/contactSearch';
import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { localLimitFields, readLocalLimit } from '../../helpers/localLimit';
import { locationIdFor } from '../../helpers/location';
import { readSearchCriteria, searchFilterFields } from '../../helpers/searchFilters';
import { simplifyField } from '../common.descriptions';
import { contactOutputOptions, contactShaper } from './contactOutput';

const properties: INodeProperties[] = [
	...localLimitFields,
	...searchFilterFields,
	simplifyField,
	contactOutputOptions,
];

export const description = showOnlyFor('contact', 'getAll', properties);

/**
 * Pages with the `searchAfter` cursor, never `page`: page numbers stop at 10,000 contacts, and
 * every request repeats the location, query, filters and sort. Return All reads large results in
 * date ranges at once (see `readContacts`).
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject[]> {
	const locationId = locationIdFor.call(this, connection, itemIndex);
	const criteria = readSearchCriteria.call(this, itemIndex);
	const limit = readLocalLimit.call(this, itemIndex);
	const shape = await contactShaper.call(this, connection, locationId, itemIndex);
	const label = 'Get Many Contacts';
	return await readContacts({
		node: this.getNode(),
		label,
		itemIndex,
		criteria: { locationId, ...criteria },
		limit,
		shape,
		send: async (body) =>
			(await ghlApiRequest.call(this, connection, {
				operationId: 'search-contacts-advanced',
				label,
				body,
				itemIndex,
			})) as SearchAnswer,
	});
}
