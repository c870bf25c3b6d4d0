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

const CHANGES = {
	addContact: {
		operationId: 'add-contact-to-campaign',
		label: 'Add Contact to Campaign',
		// The spec's AddContactToCampaignDto has no properties.
		body: {},
	},
	removeContact: {
		operationId: 'remove-contact-from-campaign',
		label: 'Remove Contact from Campaign',
		body: undefined,
	},
} as const;

/** Puts a contact into one campaign or takes it out. */
export function campaignMembershipOperation(operation: keyof typeof CHANGES): Operation {
	const { operationId, label, body } = CHANGES[operation];
	return {
		description: showOnlyFor('campaign', operation, [contactIdLocator, campaignIdLocator]),
		async execute(this: IExecuteFunctions, itemIndex: number, connection: GhlConnection) {
			const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
			const campaignId = requireId.call(this, 'campaignId', 'Campaign ID', itemIndex);
			const response = (await ghlApiRequest.call(this, connection, {
				operationId,
				label,
				pathParams: { contactId, campaignId },
				body,
				itemIndex,
			})) as IDataObject;
			return { success: succeeded(response), contactId, campaignId };
		},
	};
}
