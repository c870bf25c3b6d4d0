import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { contactIdLocator } from '../common.descriptions';
import { noteBodyField, noteIdField, optionalNoteFields } from './note.descriptions';
import { noteFieldsFrom } from './noteBody';

const properties: INodeProperties[] = [
	contactIdLocator,
	noteIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [noteBodyField, ...optionalNoteFields],
	},
];

export const description = showOnlyFor('note', 'update', properties);

/** Sends only the fields the user set, so the rest of the note stays as it is. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const id = requireId.call(this, 'noteId', 'Note ID', itemIndex);
	const body = noteFieldsFrom.call(this, 'updateFields', itemIndex);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Update Fields is empty: nothing to update', {
			description: 'Add at least one field under Update Fields and give it a value.',
			itemIndex,
		});
	}
	const { note } = (await ghlApiRequest.call(this, connection, {
		operationId: 'update-note',
		label: 'Update Note',
		pathParams: { contactId, id },
		body,
		itemIndex,
	})) as { note: IDataObject };
	return note;
}
