import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { succeeded } from '../../helpers/results';
import { contactIdLocator } from '../common.descriptions';
import { noteIdField } from './note.descriptions';

const properties: INodeProperties[] = [contactIdLocator, noteIdField];

export const description = showOnlyFor('note', 'delete', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const noteId = requireId.call(this, 'noteId', 'Note ID', itemIndex);
	const response = (await ghlApiRequest.call(this, connection, {
		operationId: 'delete-note',
		label: 'Delete Note',
		pathParams: { contactId, id: noteId },
		itemIndex,
	})) as IDataObject;
	return { success: succeeded(response), contactId, noteId };
}
