import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { localLimitFields, readLocalLimit } from '../../helpers/localLimit';
import { simplifyNote } from '../../../shared/simplify';
import { contactIdLocator, simplifyField } from '../common.descriptions';

const properties: INodeProperties[] = [contactIdLocator, ...localLimitFields, simplifyField];

export const description = showOnlyFor('note', 'getAll', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject[]> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const { notes } = (await ghlApiRequest.call(this, connection, {
		operationId: 'get-all-notes',
		label: 'Get Many Notes',
		pathParams: { contactId },
		itemIndex,
	})) as { notes: IDataObject[] };
	const simple = this.getNodeParameter('simple', itemIndex, true) as boolean;
	return notes
		.slice(0, readLocalLimit.call(this, itemIndex))
		.map((note) => (simple ? simplifyNote(note) : note));
}
