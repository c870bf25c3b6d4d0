import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkPathSegment, type GhlConnection } from '../../shared/transport';
import { idText } from './ids';

/** The location (sub-account) an operation acts on: the node's override, else the credential's. */
export function locationIdFor(
	this: IExecuteFunctions,
	connection: GhlConnection,
	itemIndex: number,
): string {
	const override = idText.call(
		this,
		this.getNodeParameter('locationId', itemIndex, ''),
		'Location ID',
		itemIndex,
	);
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
