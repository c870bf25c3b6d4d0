import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { localLimitFields, readLocalLimit } from '../../helpers/localLimit';
import { contactIdLocator } from '../common.descriptions';

const properties: INodeProperties[] = [contactIdLocator, ...localLimitFields];

export const description = showOnlyFor('appointment', 'getAll', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject[]> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const { events } = (await ghlApiRequest.call(this, connection, {
		operationId: 'get-appointments-for-contact',
		label: 'Get Many Appointments',
		pathParams: { contactId },
		itemIndex,
	})) as { events: IDataObject[] };
	return events.slice(0, readLocalLimit.call(this, itemIndex));
}
