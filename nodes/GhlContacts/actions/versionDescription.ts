import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as appointment from './appointment/Appointment.resource';
import * as business from './business/Business.resource';
import * as campaign from './campaign/Campaign.resource';
import * as contact from './contact/Contact.resource';
import * as follower from './follower/Follower.resource';
import * as note from './note/Note.resource';
import * as tag from './tag/Tag.resource';
import * as task from './task/Task.resource';
import * as workflow from './workflow/Workflow.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'GHL Contacts',
	name: 'ghlContacts',
	icon: { light: 'file:../../icons/ghl.svg', dark: 'file:../../icons/ghl.dark.svg' },
	group: ['transform'],
	version: 1,
	subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
	description: 'Manage GoHighLevel contacts, tasks, notes, tags, followers, campaigns and workflows',
	defaults: { name: 'GHL Contacts' },
	usableAsTool: true,
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [
		{
			name: 'ghlApi',
			required: true,
			displayOptions: { show: { authentication: ['privateIntegrationToken'] } },
		},
		{
			name: 'ghlOAuth2Api',
			required: true,
			displayOptions: { show: { authentication: ['oAuth2'] } },
		},
	],
	properties: [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'OAuth2 (Marketplace App)', value: 'oAuth2' },
				{ name: 'Private Integration Token', value: 'privateIntegrationToken' },
			],
			default: 'privateIntegrationToken',
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
		...tag.description,
		...task.description,
		...workflow.description,
	],
};
