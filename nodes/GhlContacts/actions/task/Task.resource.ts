import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as markCompleted from './markCompleted.operation';
import * as markIncomplete from './markIncomplete.operation';
import * as update from './update.operation';

export const operations: Record<string, Operation> = {
	create,
	delete: del,
	get,
	getAll,
	markCompleted,
	markIncomplete,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a task for a contact',
				action: 'Create a task',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a task of a contact',
				action: 'Delete a task',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a task of a contact',
				action: 'Get a task',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get a contact's tasks, optionally only pending, overdue or completed ones",
				action: 'Get many tasks',
			},
			{
				name: 'Mark Completed',
				value: 'markCompleted',
				description: 'Mark a task as done',
				action: 'Mark a task as completed',
			},
			{
				name: 'Mark Incomplete',
				value: 'markIncomplete',
				description: 'Mark a task as not done',
				action: 'Mark a task as incomplete',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a task',
				action: 'Update a task',
			},
		],
		default: 'create',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...markCompleted.description,
	...markIncomplete.description,
	...update.description,
];
