import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { simplifyTask } from '../../../shared/simplify';
import { contactIdLocator, simplifyField } from '../common.descriptions';
import { taskIdField } from './task.descriptions';

const properties: INodeProperties[] = [contactIdLocator, taskIdField, simplifyField];

export const description = showOnlyFor('task', 'get', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const taskId = requireId.call(this, 'taskId', 'Task ID', itemIndex);
	const { task } = (await ghlApiRequest.call(this, connection, {
		operationId: 'get-task',
		label: 'Get Task',
		pathParams: { contactId, taskId },
		itemIndex,
	})) as { task: IDataObject };
	const simple = this.getNodeParameter('simple', itemIndex, true) as boolean;
	return simple ? simplifyTask(task, Date.now()) : task;
}
