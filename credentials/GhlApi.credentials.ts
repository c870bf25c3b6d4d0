import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { GHL_API_BASE_URL, GHL_API_VERSION } from './ghlService';
import { CONTACT_SCOPES, SCOPE_OPTIONS } from './ghlScopes';

/** A Private Integration Token of one sub-account (location). */
export class GhlApi implements ICredentialType {
	name = 'ghlApi';

	displayName = 'GHL API';

	icon: Icon = { light: 'file:../icons/ghl.svg', dark: 'file:../icons/ghl.dark.svg' };

	documentationUrl =
		'https://github.com/ghl-contacts/n8n-nodes-ghl-contacts#private-integration-token';

	properties: INodeProperties[] = [
		{
			displayName: 'Private Integration Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'pit-…',
			description: 'Created under Settings → Private Integrations of the sub-account',
		},
		{
			// Unlike an OAuth token response, a PIT does not tell which location it belongs to.
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			required: true,
			description:
				'ID of the sub-account the token belongs to (Settings → Business Profile, or the ID after /location/ in the app URL)',
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'multiOptions',
			options: SCOPE_OPTIONS,
			default: CONTACT_SCOPES,
			description:
				'The scopes ticked when the token was created. The nodes check them before calling, so a missing scope fails with a clear message and nothing is sent. Left empty, every call is sent and GHL’s answer names a missing scope.',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: GHL_API_BASE_URL,
			description: 'Change only for a proxy or a local sandbox serving the same API',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: { Authorization: '=Bearer {{$credentials.token}}' },
		},
	};

	// A one-contact search needs only contacts.readonly and proves both the token and the location.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/contacts/search',
			method: 'POST',
			headers: { Version: GHL_API_VERSION },
			body: { locationId: '={{$credentials.locationId}}', pageLimit: 1 },
			// n8n would follow a redirect with the token, to any host.
			disableFollowRedirect: true,
		},
		rules: [
			...[301, 302, 303, 307, 308].map((value) => ({
				type: 'responseCode' as const,
				properties: {
					value,
					message: `GHL answered ${value}, a redirect, which the test does not follow (the token is sent to the API Base URL only): check the API Base URL`,
				},
			})),
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'GHL rejected the token (401): check that the Private Integration Token is complete and has not been rotated or deleted',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The token may not read contacts of this location (403): check the Location ID, and that the token belongs to that sub-account and has the contacts.readonly scope',
				},
			},
		],
	};
}
