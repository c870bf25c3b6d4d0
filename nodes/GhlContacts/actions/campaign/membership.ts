import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { succeeded } from '../../helpers/results';
import { contactIdLocator, idLocator } from '../common.descriptions';
import type { Operation } from '../operation';

const campaignIdLocator = idLocator({
	name: 'campaignId',
	displayName: 'Campaign',
	searchMethod: 'searchCampaigns',
	placeholder: 'e.g. Y2I9XM7aO1hncuSOlc9L',
	description: 'The campaign, picked from the list or as its ID',
});

// Adding declares a body without properties; n8n sends no body for an empty object, which the
// API reads as an empty one, so neither call sends a body.
const CHANGES = {
	addContact: { operationId: 'add-contact-to-campaign', label: 'Add Contact to Campaign' },
	removeContact: {
		operationId: 'remove-contact-from-campaign',
		label: 'Remove Contact from Campaign',
	},
} as const;

/** Puts a contact into one campaign or takes it out. */
export function campaignMembershipOperation(operation: keyof typeof CHANGES): Operation {
	const { operationId, label } = CHANGES[operation];
	return {
		description: showOnlyFor('campaign', operation, [contactIdLocator, campaignIdLocator]),
		async execute(this: IExecuteFunctions, itemIndex: number, connection: GhlConnection) {
			const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
			const campaignId = requireId.call(this, 'campaignId', 'Campaign ID', itemIndex);
			const response = (await ghlApiRequest.call(this, connection, {
				operationId,
				label,
				pathParams: { contactId, campaignId },
				itemIndex,
			})) as IDataObject;
			return { success: succeeded(response), contactId, campaignId };
		},
	};
}
