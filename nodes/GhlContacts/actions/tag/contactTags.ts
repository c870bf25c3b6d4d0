import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { contactIdLocator } from '../common.descriptions';
import { readListField } from '../listField';
import type { Operation } from '../operation';
import { tagsField } from './tagsField';

const CHANGES = {
	add: { operationId: 'add-tags', label: 'Add Tags', changed: 'tagsAdded' },
	remove: { operationId: 'remove-tags', label: 'Remove Tags', changed: 'tagsRemoved' },
} as const;

/** Adds tags to, or removes them from, one contact; the item lists the contact's tags after. */
export function contactTagsOperation(change: keyof typeof CHANGES): Operation {
	const { operationId, label, changed } = CHANGES[change];
	return {
		description: showOnlyFor('tag', change, [contactIdLocator, tagsField]),
		async execute(this: IExecuteFunctions, itemIndex: number, connection: GhlConnection) {
			const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
			const tags = readListField.call(this, 'tags', 'Tags', itemIndex);
			const response = (await ghlApiRequest.call(this, connection, {
				operationId,
				label,
				pathParams: { contactId },
				body: { tags },
				itemIndex,
			})) as IDataObject;
			return { success: true, contactId, [changed]: tags, tags: response.tags };
		},
	};
}
