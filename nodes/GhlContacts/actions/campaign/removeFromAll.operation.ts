import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { succeeded } from '../../helpers/results';
import { contactIdLocator } from '../common.descriptions';

export const description = showOnlyFor('campaign', 'removeFromAll', [contactIdLocator]);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const response = (await ghlApiRequest.call(this, connection, {
		operationId: 'remove-contact-from-every-campaign',
		label: 'Remove Contact from All Campaigns',
		pathParams: { contactId },
		itemIndex,
	})) as IDataObject;
	return { success: succeeded(response), contactId, allCampaigns: true };
}
