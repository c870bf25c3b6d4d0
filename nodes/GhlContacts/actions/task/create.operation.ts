import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { requireText } from '../../helpers/required';
import { contactIdLocator } from '../common.descriptions';
import { dueDateField, optionalTaskFields, timezoneOptions, titleField } from './task.descriptions';
import { readDueDate, taskFieldsFrom } from './taskBody';

const properties: INodeProperties[] = [
	contactIdLocator,
	{ ...titleField, required: true, placeholder: 'e.g. Call back about the quote' },
	{ ...dueDateField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: optionalTaskFields,
	},
	timezoneOptions,
];

export const description = showOnlyFor('task', 'create', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const title = requireText.call(this, 'title', 'Title', itemIndex);
	const dueDate = this.getNodeParameter('dueDate', itemIndex, '') as unknown;
	if (dueDate === undefined || dueDate === null || String(dueDate).trim() === '') {
		throw new NodeOperationError(this.getNode(), 'Due Date is empty', {
			description: 'Pick a Due Date, or enter one such as 2026-03-01T09:30:00.',
			itemIndex,
		});
	}
	// GHL requires `completed` on create; a new task is open unless the user says otherwise.
	const body: IDataObject = {
		title,
		dueDate: readDueDate.call(this, dueDate, itemIndex),
		completed: false,
		...taskFieldsFrom.call(this, 'additionalFields', itemIndex),
	};
	const { task } = (await ghlApiRequest.call(this, connection, {
		operationId: 'create-task',
		label: 'Create Task',
		pathParams: { contactId },
		body,
		itemIndex,
	})) as { task: IDataObject };
	return task;
}
