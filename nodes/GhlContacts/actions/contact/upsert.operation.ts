import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { locationIdFor } from '../../helpers/location';
import {
	contactWriteFields,
	emailField,
	phoneField,
	readContactBody,
	readEmailAndPhone,
	requireEmailOrPhone,
} from './contactFields';

const properties: INodeProperties[] = [
	{
		displayName:
			"Finds the contact by email or phone, following the location's duplicate settings: a match is updated, otherwise a contact is created",
		name: 'upsertNotice',
		type: 'notice',
		default: '',
	},
	emailField,
	phoneField,
	...contactWriteFields('upsert'),
];

export const description = showOnlyFor('contact', 'upsert', properties);

/** The contact as GHL returns it, plus `isNew`: whether it was created rather than updated. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const identity = readEmailAndPhone.call(this, itemIndex);
	requireEmailOrPhone.call(this, identity, 'the existing contact is looked up by them', itemIndex);
	const locationId = locationIdFor.call(this, connection, itemIndex);
	const fields = await readContactBody.call(
		this,
		connection,
		'upsert',
		locationId,
		itemIndex,
		identity,
	);
	const response = (await ghlApiRequest.call(this, connection, {
		operationId: 'upsert-contact',
		label: 'Upsert Contact',
		body: { locationId, ...fields },
		itemIndex,
	})) as { new?: boolean; contact: IDataObject };
	return { ...response.contact, isNew: response.new === true };
}
