import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { checkEmail, checkLookupPhone } from '../../helpers/contactInput';
import { showOnlyFor } from '../../helpers/displayOptions';
import { locationIdFor } from '../../helpers/location';
import { simplifyField } from '../common.descriptions';
import { emailField, phoneField, readEmailAndPhone, requireEmailOrPhone } from './contactFields';
import { contactOutputOptions, contactShaper } from './contactOutput';

const properties: INodeProperties[] = [
	{
		displayName:
			'Outputs the contact GHL treats as a duplicate (email is checked first, then phone), or an item with found: false',
		name: 'findDuplicateNotice',
		type: 'notice',
		default: '',
	},
	emailField,
	phoneField,
	simplifyField,
	contactOutputOptions,
];

export const description = showOnlyFor('contact', 'findDuplicate', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const wanted = readEmailAndPhone.call(this, itemIndex);
	requireEmailOrPhone.call(this, wanted, 'the duplicate is looked up by them', itemIndex);
	const qs: IDataObject = { locationId: locationIdFor.call(this, connection, itemIndex) };
	if (wanted.email) qs.email = checkEmail.call(this, String(wanted.email), 'Email', itemIndex);
	if (wanted.phone) {
		qs.number = checkLookupPhone.call(this, String(wanted.phone), 'Phone', itemIndex);
	}
	const shape = await contactShaper.call(this, connection, String(qs.locationId), itemIndex);
	const { contact } = (await ghlApiRequest.call(this, connection, {
		operationId: 'get-duplicate-contact',
		label: 'Find Duplicate Contact',
		qs,
		itemIndex,
	})) as { contact?: IDataObject | null };
	// An item either way, so that the workflow can branch on `found`.
	return contact ? { found: true, ...shape(contact) } : { found: false, ...wanted };
}
