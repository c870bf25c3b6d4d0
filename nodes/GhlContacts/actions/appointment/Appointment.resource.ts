import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as getAll from './getAll.operation';

export const operations: Record<string, Operation> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['appointment'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: "Get a contact's appointments",
				action: 'Get many appointments',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
