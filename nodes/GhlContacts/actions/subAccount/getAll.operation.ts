import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { installedSubAccounts, SUB_ACCOUNT_PAGE_SIZE } from '../../../shared/subAccount';
import { PageGuard, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { localLimitFields, readLocalLimit } from '../../helpers/localLimit';

const properties: INodeProperties[] = [
	...localLimitFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name Contains',
				name: 'query',
				type: 'string',
				default: '',
				description: 'Only sub-accounts whose name contains this text (GHL searches)',
			},
		],
	},
];

export const description = showOnlyFor('subAccount', 'getAll', properties);

export const agencyWide = true;

/** The agency's sub-accounts, page after page (GHL pages them by offset). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject[]> {
	const limit = readLocalLimit.call(this, itemIndex);
	const query = String(this.getNodeParameter('filters.query', itemIndex, '')).trim();
	const guard = new PageGuard(this.getNode(), 'Get Many Sub-Accounts', itemIndex);
	const found: IDataObject[] = [];
	const seen = new Set<string>();
	for (let skip = 0; found.length < limit; ) {
		const { locations, count } = await installedSubAccounts(this, connection, {
			skip,
			query,
			itemIndex,
		});
		const page = guard.page(locations);
		// Offsets shift when a sub-account is added or removed during the read: none twice.
		for (const location of page) {
			const id = String(location._id ?? '');
			if (seen.has(id)) continue;
			seen.add(id);
			found.push(location);
		}
		skip += page.length;
		if (page.length < SUB_ACCOUNT_PAGE_SIZE || (count !== undefined && skip >= count)) break;
		guard.next(skip, skip);
	}
	return found.slice(0, limit);
}
