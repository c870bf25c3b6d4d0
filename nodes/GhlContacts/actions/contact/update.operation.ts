import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { contactIdLocator } from '../common.descriptions';
import { contactWriteFields, readContactBody } from './contactFields';

const properties: INodeProperties[] = [
	contactIdLocator,
	{
		// Destructive, so said where it cannot be missed rather than in a tooltip.
		displayName:
			'Tags set under Update Fields replace ALL tags of the contact. To add or remove single tags, use Tag → Add or Tag → Remove.',
		name: 'tagsReplaceNotice',
		type: 'notice',
		default: '',
	},
	...contactWriteFields('update'),
];

export const description = showOnlyFor('contact', 'update', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	// The update body has no location; custom fields are those of the credential's location.
	const body = await readContactBody.call(
		this,
		connection,
		'update',
		connection.locationId,
		itemIndex,
	);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			description: 'Add at least one field under Update Fields or Custom Fields.',
			itemIndex,
		});
	}
	const { contact } = (await ghlApiRequest.call(this, connection, {
		operationId: 'update-contact',
		label: 'Update Contact',
		pathParams: { contactId },
		body,
		itemIndex,
	})) as { contact: IDataObject };
	return contact;
}
