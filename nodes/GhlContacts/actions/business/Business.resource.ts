import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as addContacts from './addContacts.operation';
import * as removeContacts from './removeContacts.operation';

export const operations: Record<string, Operation> = { addContacts, removeContacts };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['business'] } },
		options: [
			{
				name: 'Add Contacts',
				value: 'addContacts',
				description: 'Link contacts to a business',
				action: 'Add contacts to a business',
			},
			{
				name: 'Remove Contacts',
				value: 'removeContacts',
				description: 'Unlink contacts from their business',
				action: 'Remove contacts from their business',
			},
		],
		default: 'addContacts',
	},
	...addContacts.description,
	...removeContacts.description,
];
