import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as addContact from './addContact.operation';
import * as removeContact from './removeContact.operation';
import * as removeFromAll from './removeFromAll.operation';

export const operations: Record<string, Operation> = { addContact, removeContact, removeFromAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Add Contact',
				value: 'addContact',
				description: 'Add a contact to a campaign',
				action: 'Add a contact to a campaign',
			},
			{
				name: 'Remove Contact',
				value: 'removeContact',
				description: 'Remove a contact from a campaign',
				action: 'Remove a contact from a campaign',
			},
			{
				name: 'Remove From All Campaigns',
				value: 'removeFromAll',
				description: 'Remove a contact from every campaign it is in',
				action: 'Remove a contact from all campaigns',
			},
		],
		default: 'addContact',
	},
	...addContact.description,
	...removeContact.description,
	...removeFromAll.description,
];
