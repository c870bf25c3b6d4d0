import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as add from './add.operation';
import * as remove from './remove.operation';

export const operations: Record<string, Operation> = { add, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['follower'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add users as followers of a contact',
				action: 'Add followers to a contact',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Remove users from the followers of a contact',
				action: 'Remove followers from a contact',
			},
		],
		default: 'add',
	},
	...add.description,
	...remove.description,
];
