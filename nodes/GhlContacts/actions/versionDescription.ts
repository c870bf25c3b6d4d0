import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as contact from './contact/Contact.resource';

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
			options: [{ name: 'Contact', value: 'contact' }],
			default: 'contact',
		},
		...contact.description,
	],
};
