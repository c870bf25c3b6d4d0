import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { succeeded } from '../../helpers/results';
import { contactIdLocator } from '../common.descriptions';
import { workflowIdLocator } from './workflowIdLocator';

export const description = showOnlyFor('workflow', 'removeContact', [
	contactIdLocator,
	workflowIdLocator,
]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const workflowId = requireId.call(this, 'workflowId', 'Workflow ID', itemIndex);
	// The declared body's only field, eventStartTime, means nothing for a removal: none is sent.
	const response = (await ghlApiRequest.call(this, connection, {
		operationId: 'delete-contact-from-workflow',
		label: 'Remove Contact from Workflow',
		pathParams: { contactId, workflowId },
		itemIndex,
	})) as IDataObject;
	return { success: succeeded(response), contactId, workflowId };
}
