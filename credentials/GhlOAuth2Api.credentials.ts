import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import {
	GHL_API_BASE_URL,
	GHL_CHOOSE_LOCATION_PATH,
	GHL_MARKETPLACE_URL,
	GHL_TOKEN_PATH,
} from './ghlService';
import { AGENCY_SCOPES_HINT, CONTACT_SCOPES, OPTIONAL_SCOPES_HINT } from './ghlScopes';

/*
 * The three URLs follow from the Environment choice through expression defaults resolved against
 * this credential's own data ($self), so only a custom host ever needs typing.
 */
const isCustom = '$self["environment"] === "custom"';
const customHost = 'String($self["customHost"] || "").trim().replace(/\\/+$/, "")';
const marketplace = `(${isCustom} ? ${customHost} : $self["environment"] === "whiteLabel" ? "${GHL_MARKETPLACE_URL.whiteLabel}" : "${GHL_MARKETPLACE_URL.standard}")`;
const apiHost = `(${isCustom} ? ${customHost} : "${GHL_API_BASE_URL}")`;

export class GhlOAuth2Api implements ICredentialType {
	name = 'ghlOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'GHL OAuth2 API';

	icon: Icon = { light: 'file:../icons/ghl.svg', dark: 'file:../icons/ghl.dark.svg' };

	documentationUrl = 'https://github.com/ghl-contacts/n8n-nodes-ghl-contacts#oauth2';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Standard',
					value: 'standard',
					description: `Authorize on ${GHL_MARKETPLACE_URL.standard}`,
				},
				{
					name: 'White-Label',
					value: 'whiteLabel',
					description: `Authorize on ${GHL_MARKETPLACE_URL.whiteLabel}`,
				},
				{
					name: 'Custom Host',
					value: 'custom',
					description: 'Another host serving the same API, such as a proxy or a local sandbox',
				},
			],
			default: 'standard',
		},
		{
			displayName: 'Custom Host URL',
			name: 'customHost',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'http://127.0.0.1:4010',
			description: `Serves the authorize page (${GHL_CHOOSE_LOCATION_PATH}), the token endpoint (${GHL_TOKEN_PATH}) and the API`,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${marketplace} + "${GHL_CHOOSE_LOCATION_PATH}" }}`,
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${apiHost} + "${GHL_TOKEN_PATH}" }}`,
			required: true,
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'hidden',
			default: `={{ ${apiHost} }}`,
		},
		{
			displayName: 'Scope',
			name: 'requestedScope',
			type: 'string',
			default: CONTACT_SCOPES.join(' '),
			description: `Space-separated; must match the scopes of the Marketplace app. The two default scopes cover every contact operation. ${OPTIONAL_SCOPES_HINT} ${AGENCY_SCOPES_HINT}`,
		},
		{
			// What n8n's OAuth2 flow sends. n8n 1.x drops a stored `scope` of an app credential
			// and uses this default instead, so it follows the field above through $self.
			displayName: 'Scope (Sent)',
			name: 'scope',
			type: 'hidden',
			default: `={{ String($self["requestedScope"] || "${CONTACT_SCOPES.join(' ')}").trim() }}`,
		},
		{
			displayName:
				'Connect chooses the account on GHL’s consent screen: a sub-account, or the agency. An agency connection acts for any sub-account the app is installed in: pick it in each node’s Sub-Account field, which lists what this credential holds.',
			name: 'connectionNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// GHL's token endpoint reads client_id and client_secret from the form body only.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
