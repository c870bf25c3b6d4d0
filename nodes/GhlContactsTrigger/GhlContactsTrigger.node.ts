import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pollTrigger } from './poll';
import { properties } from './properties';
import { ghlCredentials } from '../shared/credentials';
import { searchSubAccounts } from '../shared/subAccount';

export class GhlContactsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GHL Contacts Trigger',
		name: 'ghlContactsTrigger',
		icon: { light: 'file:../../icons/ghl.svg', dark: 'file:../../icons/ghl.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts a workflow on new or changed GoHighLevel contacts, task changes and new notes',
		defaults: { name: 'GHL Contacts Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: ghlCredentials(),
		properties,
	};

	methods = { listSearch: { searchSubAccounts } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollTrigger.call(this);
	}
}
