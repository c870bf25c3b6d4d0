import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { contactIdLocator } from '../common.descriptions';
import {
	dueDateField,
	optionalTaskFields,
	taskIdField,
	timezoneOptions,
	titleField,
} from './task.descriptions';
import { taskFieldsFrom } from './taskBody';

const properties: INodeProperties[] = [
	contactIdLocator,
	taskIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...optionalTaskFields, dueDateField, titleField].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	},
	timezoneOptions,
];

export const description = showOnlyFor('task', 'update', properties);

/** Sends only the fields the user set, so the rest of the task stays as it is. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const taskId = requireId.call(this, 'taskId', 'Task ID', itemIndex);
	const body = taskFieldsFrom.call(this, 'updateFields', itemIndex);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Update Fields is empty: nothing to update', {
			description: 'Add at least one field under Update Fields and give it a value.',
			itemIndex,
		});
	}
	const { task } = (await ghlApiRequest.call(this, connection, {
		operationId: 'update-task',
		label: 'Update Task',
		pathParams: { contactId, taskId },
		body,
		itemIndex,
	})) as { task: IDataObject };
	return task;
}
