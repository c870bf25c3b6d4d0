import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as appointment from './actions/appointment/Appointment.resource';
import * as business from './actions/business/Business.resource';
import * as campaign from './actions/campaign/Campaign.resource';
import * as contact from './actions/contact/Contact.resource';
import * as follower from './actions/follower/Follower.resource';
import * as note from './actions/note/Note.resource';
import * as subAccount from './actions/subAccount/SubAccount.resource';
import * as tag from './actions/tag/Tag.resource';
import * as task from './actions/task/Task.resource';
import * as workflow from './actions/workflow/Workflow.resource';
import { requestOptions } from './actions/requestOptions';
import { legacyLocationIdField } from './helpers/location';
import { router } from './actions/router';
import { authenticationProperty, ghlCredentials } from '../shared/credentials';
import { subAccountProperty } from '../shared/subAccount';
import { listSearch, loadOptions } from './methods';

export class GhlContacts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GHL Contacts',
		name: 'ghlContacts',
		icon: { light: 'file:../../icons/ghl.svg', dark: 'file:../../icons/ghl.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Manage GoHighLevel contacts, tasks, notes, tags, followers, campaigns and workflows',
		defaults: { name: 'GHL Contacts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: ghlCredentials(),
		properties: [
			authenticationProperty,
			{
				...subAccountProperty,
				// Listing the sub-accounts is the agency's own request, for no sub-account.
				displayOptions: {
					...subAccountProperty.displayOptions,
					hide: { resource: ['subAccount'] },
				},
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Appointment', value: 'appointment' },
					{ name: 'Business', value: 'business' },
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Contact', value: 'contact' },
					{ name: 'Follower', value: 'follower' },
					{ name: 'Note', value: 'note' },
					{ name: 'Sub-Account', value: 'subAccount' },
					{ name: 'Tag', value: 'tag' },
					{ name: 'Task', value: 'task' },
					{ name: 'Workflow', value: 'workflow' },
				],
				default: 'contact',
			},
			...appointment.description,
			...business.description,
			...campaign.description,
			...contact.description,
			...follower.description,
			...note.description,
			...subAccount.description,
			...tag.description,
			...task.description,
			...workflow.description,
			legacyLocationIdField,
			requestOptions,
		],
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
