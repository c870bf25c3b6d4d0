import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { requireText } from '../../helpers/required';
import { contactIdLocator } from '../common.descriptions';
import { noteBodyField, optionalNoteFields } from './note.descriptions';
import { noteFieldsFrom } from './noteBody';

const properties: INodeProperties[] = [
	contactIdLocator,
	{ ...noteBodyField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalNoteFields,
	},
];

export const description = showOnlyFor('note', 'create', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const body: IDataObject = {
		body: requireText.call(this, 'body', 'Body', itemIndex),
		...noteFieldsFrom.call(this, 'additionalFields', itemIndex),
	};
	const { note } = (await ghlApiRequest.call(this, connection, {
		operationId: 'create-note',
		label: 'Create Note',
		pathParams: { contactId },
		body,
		itemIndex,
	})) as { note: IDataObject };
	return note;
}
