import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { locationIdFor } from '../../helpers/location';
import { succeeded } from '../../helpers/results';
import { contactIdsField, listFieldEntries, readContactIds, readListField } from '../listField';
import type { Operation } from '../operation';
import { tagsToChange } from './tagsField';

const removeAllTagsField: INodeProperties = {
	displayName: 'Remove All Tags',
	name: 'removeAllTags',
	type: 'boolean',
	default: false,
	description: 'Whether to remove every tag from the contacts instead of the listed ones',
};

const FIELDS: Record<'add' | 'remove', INodeProperties[]> = {
	add: [contactIdsField, tagsToChange],
	remove: [
		contactIdsField,
		removeAllTagsField,
		{ ...tagsToChange, required: false, displayOptions: { hide: { removeAllTags: [true] } } },
	],
};

/**
 * One contact's outcome from the bulk response; failures stay visible as `success: false`. The
 * request's error count is the batch's, so it is named as such: on a contact that succeeded, an
 * `errorCount: 1` read as that contact's own.
 */
function contactOutcome(entry: unknown, batchErrorCount: IDataObject['errorCount']): IDataObject {
	const outcome = (
		entry !== null && typeof entry === 'object' ? entry : { message: entry }
	) as IDataObject;
	const { type, ...rest } = outcome;
	return { contactId: rest.contactId, success: type === 'success', ...rest, batchErrorCount };
}

/**
 * Adds or removes tags on many contacts in one request. GHL answers 201 even when some
 * contacts failed and reports each contact separately, so the node outputs one item per contact.
 */
export function bulkTagsOperation(type: 'add' | 'remove', operation: string): Operation {
	return {
		description: showOnlyFor('tag', operation, FIELDS[type]),
		async execute(this: IExecuteFunctions, itemIndex: number, connection: GhlConnection) {
			const contacts = readContactIds.call(this, itemIndex);
			const removeAllTags =
				type === 'remove' && (this.getNodeParameter('removeAllTags', itemIndex, false) as boolean);
			const tags = removeAllTags
				? listFieldEntries.call(this, 'tags', itemIndex)
				: readListField.call(this, 'tags', 'Tags', itemIndex);
			const body: IDataObject = {
				contacts,
				tags,
				locationId: locationIdFor.call(this, connection, itemIndex),
			};
			if (removeAllTags) body.removeAllTags = true;
			const response = (await ghlApiRequest.call(this, connection, {
				operationId: 'create-association',
				label: type === 'add' ? 'Bulk Add Tags' : 'Bulk Remove Tags',
				pathParams: { type },
				body,
				itemIndex,
			})) as IDataObject;
			const outcomes: unknown[] = Array.isArray(response.responses) ? response.responses : [];
			// The spec types `responses` loosely; without entries, the summary is all there is.
			if (outcomes.length === 0) {
				return { success: succeeded(response), errorCount: response.errorCount, contacts };
			}
			return outcomes.map((entry) => contactOutcome(entry, response.errorCount));
		},
	};
}
