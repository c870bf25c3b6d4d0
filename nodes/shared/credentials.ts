import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

/** How a node reaches GHL: a Private Integration Token or a Marketplace app's OAuth2. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2 (Marketplace App)', value: 'oAuth2' },
		{ name: 'Private Integration Token', value: 'privateIntegrationToken' },
	],
	default: 'privateIntegrationToken',
};

/**
 * The credential each authentication choice needs; `when` adds parameter values that must also
 * hold (a node that reads GHL only for an option asks for a credential only with that option on).
 */
export function ghlCredentials(when: Record<string, unknown[]> = {}): INodeCredentialDescription[] {
	return [
		{
			name: 'ghlApi',
			required: true,
			displayOptions: { show: { ...when, authentication: ['privateIntegrationToken'] } },
		},
		{
			name: 'ghlOAuth2Api',
			required: true,
			displayOptions: { show: { ...when, authentication: ['oAuth2'] } },
		},
	];
}
