import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ghlApiRequest, PageGuard, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { localLimitFields, readLocalLimit } from '../../helpers/localLimit';
import { locationIdFor } from '../../helpers/location';
import { readSearchCriteria, searchFilterFields } from '../../helpers/searchFilters';
import { simplifyField } from '../common.descriptions';
import { contactOutputOptions, contactShaper } from './contactOutput';

/** The largest page GHL's search serves. */
const MAX_PAGE_LIMIT = 500;

const properties: INodeProperties[] = [
	...localLimitFields,
	...searchFilterFields,
	simplifyField,
	contactOutputOptions,
];

export const description = showOnlyFor('contact', 'getAll', properties);

/**
 * Pages with the `searchAfter` cursor, never `page`: page numbers stop at 10,000 contacts, and
 * every request repeats the location, query, filters and sort.
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
	const contacts: IDataObject[] = [];
	const guard = new PageGuard(this.getNode(), 'Get Many Contacts', itemIndex);
	let searchAfter: unknown;
	for (;;) {
		// The last page asks only for what the Limit still lacks.
		const pageLimit = Math.min(limit - contacts.length, MAX_PAGE_LIMIT);
		const page = (await ghlApiRequest.call(this, connection, {
			operationId: 'search-contacts-advanced',
			label: 'Get Many Contacts',
			body: { locationId, pageLimit, ...criteria, ...(searchAfter ? { searchAfter } : {}) },
			itemIndex,
		})) as { contacts?: unknown; total?: number };
		const batch = guard.page(page.contacts ?? []);
		contacts.push(...batch);
		const reachedTotal = typeof page.total === 'number' && contacts.length >= page.total;
		if (contacts.length >= limit || batch.length < pageLimit || reachedTotal) break;
		searchAfter = batch[batch.length - 1].searchAfter;
		if (!Array.isArray(searchAfter)) {
			throw new NodeOperationError(
				this.getNode(),
				'GHL returned a page without a cursor to the next one',
				{
					description: `${contacts.length} contacts were read before this. Narrow the search with filters, or set a Limit.`,
					itemIndex,
				},
			);
		}
		guard.next(searchAfter);
	}
	return contacts.slice(0, limit).map(shape);
}
