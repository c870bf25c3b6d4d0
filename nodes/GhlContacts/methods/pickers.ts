import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ghlApiRequest, resolveConnection, type GhlRequest } from '../../shared/transport';

interface PickerRequest extends Omit<GhlRequest, 'pathParams' | 'qs' | 'itemIndex'> {
	/** The typed mode that still works when the list cannot load ("By ID", "By Name"). */
	fallbackMode: string;
	/** Builds the location-specific parts of the request. */
	params(locationId: string): Pick<GhlRequest, 'pathParams' | 'qs'>;
}

/**
 * Loads a picker's list for the credential's location. Any failure (most often a scope the
 * credential lacks: the transport refuses before sending) is shown in the list as an error that
 * keeps the reason and says that the typed mode works without the list, so the editor neither
 * breaks nor hides why the list is empty.
 */
export async function pickerRequest<T>(
	ctx: ILoadOptionsFunctions,
	request: PickerRequest,
): Promise<T> {
	const { fallbackMode, params, ...rest } = request;
	const hint = `Meanwhile, choose "${fallbackMode}" and enter the value directly.`;
	const connection = await resolveConnection(ctx);
	if (!connection.locationId) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${request.label}: the credential has no location. ${hint}`,
			{
				description: 'Connect the credential to a sub-account (location) to search its records.',
			},
		);
	}
	try {
		return await ghlApiRequest.call<
			ILoadOptionsFunctions,
			Parameters<typeof ghlApiRequest>,
			Promise<T>
		>(ctx, connection, { ...rest, ...params(connection.locationId) });
	} catch (error) {
		const { message, description } = error as { message: string; description?: string | null };
		throw new NodeOperationError(ctx.getNode(), `${message} ${hint}`, {
			description: description ?? undefined,
		});
	}
}

/** Entries whose name or value contains `filter` (case-insensitive), sorted by name. */
export function filterResults(
	items: INodeListSearchItems[],
	filter?: string,
	paginationToken?: string,
): INodeListSearchResult {
	const needle = filter?.trim().toLowerCase();
	const results = needle
		? items.filter(
				(item) =>
					item.name.toLowerCase().includes(needle) ||
					String(item.value).toLowerCase().includes(needle),
			)
		: items;
	return { results: [...results].sort((a, b) => a.name.localeCompare(b.name)), paginationToken };
}

/** `{ id, name }` records as list entries, with the status when the record has one. */
export function toListItems(records: IDataObject[]): INodeListSearchItems[] {
	return records.map((record) => {
		const name = String(record.name ?? record.id);
		return {
			name: record.status ? `${name} (${String(record.status)})` : name,
			value: String(record.id),
		};
	});
}
