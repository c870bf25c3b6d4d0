import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { contactIdLocator } from '../common.descriptions';
import { listField, readListField } from '../listField';
import type { Operation } from '../operation';

const followersField = listField({
	name: 'followers',
	displayName: 'Followers',
	itemName: 'User',
	searchMethod: 'searchUsers',
	typedMode: { name: 'id', displayName: 'By ID', placeholder: 'e.g. sx6wyHhbFdRXh302Lunr' },
	description:
		'Users of the location, picked from the list or as IDs; several IDs may be separated by commas',
});

const CHANGES = {
	add: { operationId: 'add-followers-contact', label: 'Add Followers', changed: 'followersAdded' },
	remove: {
		operationId: 'remove-followers-contact',
		label: 'Remove Followers',
		changed: 'followersRemoved',
	},
} as const;

/** Adds users as followers of a contact, or removes them; the item lists the followers after. */
export function followersOperation(change: keyof typeof CHANGES): Operation {
	const { operationId, label, changed } = CHANGES[change];
	return {
		description: showOnlyFor('follower', change, [contactIdLocator, followersField]),
		async execute(this: IExecuteFunctions, itemIndex: number, connection: GhlConnection) {
			const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
			const followers = readListField.call(this, 'followers', 'Followers', itemIndex);
			const response = (await ghlApiRequest.call(this, connection, {
				operationId,
				label,
				pathParams: { contactId },
				body: { followers },
				itemIndex,
			})) as IDataObject;
			return {
				success: true,
				contactId,
				followers: response.followers,
				[changed]: response[changed],
			};
		},
	};
}
