import type { INodeProperties } from 'n8n-workflow';

import { userLocator } from '../../helpers/userField';

export const taskIdField: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. lJpzYrWdpkC2hX6t2yue',
	description: 'The task, which must belong to the contact',
};

export const titleField: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
};

export const dueDateField: INodeProperties = {
	displayName: 'Due Date',
	name: 'dueDate',
	type: 'dateTime',
	default: '',
	description:
		"When the task is due. Without an offset it is read in the Timezone option, else the workflow's timezone.",
};

/** The task fields that are optional on create and on update. */
export const optionalTaskFields: INodeProperties[] = [
	userLocator('assignedTo', 'Assigned To', 'The user responsible for the task'),
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'Details of the task',
	},
	{
		displayName: 'Completed',
		name: 'completed',
		type: 'boolean',
		default: false,
		description: 'Whether the task is done',
	},
];

export const timezoneOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Timezone',
			name: 'timezone',
			type: 'string',
			default: '',
			placeholder: 'e.g. Europe/Berlin',
			description:
				"IANA timezone for a Due Date written without an offset. Leave empty to use the workflow's timezone.",
		},
	],
};
