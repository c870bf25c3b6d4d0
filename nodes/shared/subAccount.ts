import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodeProperties,
} from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import {
	credentialConnection,
	ghlApiRequest,
	SUB_ACCOUNT_PARAMETER,
	type GhlConnection,
	type GhlContext,
} from './transport';

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

/** GHL's default page is 20; 100 keeps an agency's list to few requests. */
export const SUB_ACCOUNT_PAGE_SIZE = 100;

interface InstalledLocations {
	locations?: unknown;
	count?: unknown;
}

/**
 * One page of the sub-accounts an agency's app is installed in (`GET /oauth/installedLocations`),
 * from `skip`, optionally those whose name matches `query`; `count` is the total GHL reports.
 */
export async function installedSubAccounts(
	ctx: GhlContext,
	connection: GhlConnection,
	page: { skip: number; query?: string; itemIndex?: number },
): Promise<{ locations: unknown; count: number | undefined }> {
	const agency = connection.agency;
	if (!agency) {
		throw new NodeOperationError(ctx.getNode(), 'Listing sub-accounts needs an agency connection', {
			description:
				'Reconnect the OAuth2 credential and choose the agency (not a sub-account) on GHL’s consent screen, with the scope oauth.readonly.',
			itemIndex: page.itemIndex,
		});
	}
	const answer = (await ghlApiRequest.call(ctx, connection, {
		operationId: 'get-installed-location',
		label: 'List Sub-Accounts',
		qs: {
			companyId: agency.companyId,
			appId: agency.appId,
			isInstalled: 'true',
			skip: String(page.skip),
			limit: String(SUB_ACCOUNT_PAGE_SIZE),
			...(page.query ? { query: page.query } : {}),
		},
		itemIndex: page.itemIndex,
		uncached: true,
	})) as InstalledLocations;
	const count = Number(answer.count);
	return { locations: answer.locations, count: Number.isFinite(count) ? count : undefined };
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
	const { locations, count } = await installedSubAccounts(this, connection, {
		skip,
		query: filter,
	});
	const results = (Array.isArray(locations) ? locations : []).flatMap(
		(location: { _id?: unknown; name?: unknown }) =>
			typeof location?._id === 'string'
				? [
						{
							name: typeof location.name === 'string' ? location.name : location._id,
							value: location._id,
						},
					]
				: [],
	);
	const next = skip + results.length;
	return {
		results,
		paginationToken:
			results.length > 0 && count !== undefined && next < count ? String(next) : undefined,
	};
}
