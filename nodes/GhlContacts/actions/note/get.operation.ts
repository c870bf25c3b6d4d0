import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { simplifyNote } from '../../../shared/simplify';
import { contactIdLocator, simplifyField } from '../common.descriptions';
import { noteIdField } from './note.descriptions';

const properties: INodeProperties[] = [contactIdLocator, noteIdField, simplifyField];

export const description = showOnlyFor('note', 'get', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const id = requireId.call(this, 'noteId', 'Note ID', itemIndex);
	const { note } = (await ghlApiRequest.call(this, connection, {
		operationId: 'get-note',
		label: 'Get Note',
		pathParams: { contactId, id },
		itemIndex,
	})) as { note: IDataObject };
	const simple = this.getNodeParameter('simple', itemIndex, true) as boolean;
	return simple ? simplifyNote(note) : note;
}
