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
		displayOptions: { show: { resource: ['subAccount'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List the sub-accounts the app is installed in (agency connections), to act for each',
				action: 'Get many sub accounts',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
