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
} from './contactFields';

const properties: INodeProperties[] = [emailField, phoneField, ...contactWriteFields('create')];

export const description = showOnlyFor('contact', 'create', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const locationId = locationIdFor.call(this, connection, itemIndex);
	const fields = await readContactBody.call(
		this,
		connection,
		'create',
		locationId,
		itemIndex,
		readEmailAndPhone.call(this, itemIndex),
	);
	const { contact } = (await ghlApiRequest.call(this, connection, {
		operationId: 'create-contact',
		label: 'Create Contact',
		body: { locationId, ...fields },
		itemIndex,
	})) as { contact: IDataObject };
	return contact;
}
