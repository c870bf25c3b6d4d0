import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { succeeded } from '../../helpers/results';
import { contactIdLocator } from '../common.descriptions';

const properties: INodeProperties[] = [contactIdLocator];

export const description = showOnlyFor('contact', 'delete', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const response = (await ghlApiRequest.call(this, connection, {
		operationId: 'delete-contact',
		label: 'Delete Contact',
		pathParams: { contactId },
		itemIndex,
	})) as IDataObject;
	return { success: succeeded(response), contactId };
}
