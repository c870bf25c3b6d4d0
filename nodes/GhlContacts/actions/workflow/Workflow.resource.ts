import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as addContact from './addContact.operation';
import * as removeContact from './removeContact.operation';

export const operations: Record<string, Operation> = { addContact, removeContact };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['workflow'] } },
		options: [
			{
				name: 'Add Contact',
				value: 'addContact',
				description: 'Enrol a contact in a GHL workflow',
				action: 'Add a contact to a workflow',
			},
			{
				name: 'Remove Contact',
				value: 'removeContact',
				description: 'Take a contact out of a GHL workflow',
				action: 'Remove a contact from a workflow',
			},
		],
		default: 'addContact',
	},
	...addContact.description,
	...removeContact.description,
];
