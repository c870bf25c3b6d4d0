import type { INodeCredentialDescription, INodeProperties, NodeParameterValue } from 'n8n-workflow';

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
 * The credential each authentication choice needs; `hideWhen` adds parameter values under which
 * no credential is asked for (a node that reads GHL only for an option). Those go in `hide`, not
 * `show`: n8n's editor hides every parameter that a credential's `show` rule names.
 */
export function ghlCredentials(
	hideWhen?: Record<string, NodeParameterValue[]>,
): INodeCredentialDescription[] {
	const hide = hideWhen ? { hide: hideWhen } : {};
	return [
		{
			name: 'ghlApi',
			required: true,
			displayOptions: { show: { authentication: ['privateIntegrationToken'] }, ...hide },
		},
		{
			name: 'ghlOAuth2Api',
			required: true,
			displayOptions: { show: { authentication: ['oAuth2'] }, ...hide },
		},
	];
}
