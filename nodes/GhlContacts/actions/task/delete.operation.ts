import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { succeeded } from '../../helpers/results';
import { contactIdLocator } from '../common.descriptions';
import { taskIdField } from './task.descriptions';

const properties: INodeProperties[] = [contactIdLocator, taskIdField];

export const description = showOnlyFor('task', 'delete', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const taskId = requireId.call(this, 'taskId', 'Task ID', itemIndex);
	const response = (await ghlApiRequest.call(this, connection, {
		operationId: 'delete-task',
		label: 'Delete Task',
		pathParams: { contactId, taskId },
		itemIndex,
	})) as IDataObject;
	return { success: succeeded(response), contactId, taskId };
}
