import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { locationIdFor } from '../../helpers/location';
import { businessIdLocator } from '../common.descriptions';
import { contactIdsField, readContactIds } from '../listField';
import type { Operation } from '../operation';

/** The spec caps each id in `ids` at 50 characters. */
const MAX_ID_LENGTH = 50;

const FIELDS: Record<'addContacts' | 'removeContacts', INodeProperties[]> = {
	addContacts: [businessIdLocator, contactIdsField],
	removeContacts: [contactIdsField],
};

/**
 * Links contacts to a business, or unlinks them from whatever business they have: GHL's one
 * endpoint for both takes `businessId: null` to unlink.
 */
export function contactsOfBusinessOperation(operation: keyof typeof FIELDS): Operation {
	return {
		description: showOnlyFor('business', operation, FIELDS[operation]),
		async execute(this: IExecuteFunctions, itemIndex: number, connection: GhlConnection) {
			const businessId =
				operation === 'addContacts'
					? requireId.call(this, 'businessId', 'Business ID', itemIndex)
					: null;
			const ids = readContactIds.call(this, itemIndex);
			const tooLong = ids.find((id) => id.length > MAX_ID_LENGTH);
			if (tooLong) {
				throw new NodeOperationError(this.getNode(), `Contact ID "${tooLong}" is too long`, {
					description: `GHL accepts contact IDs of up to ${MAX_ID_LENGTH} characters: check Contact IDs.`,
					itemIndex,
				});
			}
			const response = (await ghlApiRequest.call(this, connection, {
				operationId: 'add-remove-contact-from-business',
				label:
					operation === 'addContacts'
						? 'Add Contacts to Business'
						: 'Remove Contacts from Business',
				body: { locationId: locationIdFor.call(this, connection, itemIndex), ids, businessId },
				itemIndex,
			})) as IDataObject;
			// GHL lists the contacts it changed and skips unknown ones without an error: say which.
			const changed = Array.isArray(response.ids) ? response.ids.map(String) : ids;
			return {
				success: response.success === true,
				businessId,
				contactIds: changed,
				contactIdsNotChanged: ids.filter((id) => !changed.includes(id)),
			};
		},
	};
}
