import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as findDuplicate from './findDuplicate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAllLegacy from './getAllLegacy.operation';
import * as getManyByBusiness from './getManyByBusiness.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const operations: Record<string, Operation> = {
	create,
	delete: del,
	findDuplicate,
	get,
	getAll,
	getAllLegacy,
	getManyByBusiness,
	update,
	upsert,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a new contact',
				action: 'Create a contact',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a contact',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a contact',
				action: 'Delete a contact',
			},
			{
				name: 'Find Duplicate',
				value: 'findDuplicate',
				description: 'Find the contact that has an email or phone number',
				action: 'Find a duplicate contact',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contact, optionally with its tasks, notes and appointments',
				action: 'Get a contact',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Search contacts by text, tags, dates, assignee and more',
				action: 'Get many contacts',
			},
			{
				name: 'Get Many (Legacy List, Deprecated)',
				value: 'getAllLegacy',
				description: 'Deprecated by GHL: use Get Many',
				action: 'Get many contacts from the legacy list',
			},
			{
				name: 'Get Many by Business',
				value: 'getManyByBusiness',
				description: 'List the contacts linked to a business',
				action: 'Get many contacts of a business',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change some fields of a contact',
				action: 'Update a contact',
			},
		],
		default: 'get',
	},
	...create.description,
	...upsert.description,
	...del.description,
	...findDuplicate.description,
	...get.description,
	...getAll.description,
	...getAllLegacy.description,
	...getManyByBusiness.description,
	...update.description,
];
