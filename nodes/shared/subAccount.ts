import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import { credentialConnection, ghlApiRequest, SUB_ACCOUNT_PARAMETER } from './transport';

/**
 * The sub-account an agency connection acts for (shown for OAuth2, where a credential may hold
 * the agency or one sub-account: which one only GHL's consent screen decided).
 */
export const subAccountProperty: INodeProperties = {
	displayName: 'Sub-Account',
	name: SUB_ACCOUNT_PARAMETER,
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'The sub-account (location) to act for when the credential is an agency connection. Leave empty when the credential was connected to one sub-account.',
	hint: 'The list shows what the credential holds: the sub-accounts the app is installed in, or its one sub-account',
	displayOptions: { show: { authentication: ['oAuth2'] } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchSubAccounts', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. ve9EPM428h8vShlRW1KT',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[A-Za-z0-9_-]{1,64}$', errorMessage: 'Not a valid GHL ID' },
				},
			],
		},
	],
};

const PAGE_SIZE = 100;

interface InstalledLocations {
	locations?: Array<{ _id?: unknown; name?: unknown }>;
	count?: unknown;
}

/**
 * The Sub-Account list: for an agency connection the sub-accounts its app is installed in
 * (searched by name, paged), else the credential's own sub-account, so the list says what the
 * credential holds.
 */
export async function searchSubAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const connection = await credentialConnection(this);
	if (!connection.agency) {
		const own: INodeListSearchItems[] = connection.locationId
			? [
					{
						name: `The credential's sub-account (${connection.locationId})`,
						value: connection.locationId,
					},
				]
			: [];
		return { results: own };
	}
	const skip = Number(paginationToken ?? 0);
	const answer = (await ghlApiRequest.call(this, connection, {
		operationId: 'get-installed-location',
		label: 'List Sub-Accounts',
		qs: {
			companyId: connection.agency.companyId,
			appId: connection.agency.appId,
			isInstalled: 'true',
			skip: String(skip),
			limit: String(PAGE_SIZE),
			...(filter ? { query: filter } : {}),
		},
		uncached: true,
	})) as InstalledLocations;
	const results = (answer.locations ?? []).flatMap((location) =>
		typeof location._id === 'string'
			? [
					{
						name: typeof location.name === 'string' ? location.name : location._id,
						value: location._id,
					},
				]
			: [],
	);
	const next = skip + results.length;
	const count = Number(answer.count);
	return {
		results,
		paginationToken:
			results.length > 0 && Number.isFinite(count) && next < count ? String(next) : undefined,
	};
}
