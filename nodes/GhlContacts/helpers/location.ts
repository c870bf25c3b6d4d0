import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkPathSegment, type GhlConnection } from '../../shared/transport';

/** The location (sub-account) an operation acts on: the node's override, else the credential's. */
export function locationIdFor(
	this: IExecuteFunctions,
	connection: GhlConnection,
	itemIndex: number,
): string {
	const override = String(this.getNodeParameter('locationId', itemIndex, '') ?? '').trim();
	const locationId = override || connection.locationId;
	if (!locationId) {
		throw new NodeOperationError(this.getNode(), 'No location ID to send with this request', {
			description:
				'Enter the Location ID in the GHL API credential (Private Integration Token), connect the OAuth2 credential to a sub-account, or fill in Location ID on the node.',
			itemIndex,
		});
	}
	try {
		return checkPathSegment('Location ID', locationId);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
}
