import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as add from './add.operation';
import * as bulkAdd from './bulkAdd.operation';
import * as bulkRemove from './bulkRemove.operation';
import * as remove from './remove.operation';

export const operations: Record<string, Operation> = { add, bulkAdd, bulkRemove, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add tags to a contact',
				action: 'Add tags to a contact',
			},
			{
				name: 'Bulk Add',
				value: 'bulkAdd',
				description: 'Add tags to many contacts in one request',
				action: 'Add tags to many contacts',
			},
			{
				name: 'Bulk Remove',
				value: 'bulkRemove',
				description: 'Remove some or all tags from many contacts in one request',
				action: 'Remove tags from many contacts',
			},
			{
				name: 'Remove',
				value: 'remove',
				description: 'Remove tags from a contact',
				action: 'Remove tags from a contact',
			},
		],
		default: 'add',
	},
	...add.description,
	...bulkAdd.description,
	...bulkRemove.description,
	...remove.description,
];
