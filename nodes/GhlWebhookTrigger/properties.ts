import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../shared/credentials';
import { EVENT_FAMILIES, eventDisplayName, type GhlEvent } from './events';

const EVENT_DESCRIPTIONS: Partial<Record<GhlEvent, string>> = {
	ContactTagUpdate: 'Tags were added to or removed from a contact',
	ContactDndUpdate: 'A contact’s Do Not Disturb settings changed',
	TaskCreate: 'GHL often leaves the contact out of this payload',
	WorkflowWebhook:
		'A GHL workflow’s Webhook action (Shared Secret only): its payload names no event',
	INSTALL:
		'The app was installed in a sub-account or an agency (sent to the app’s default webhook URL)',
	UNINSTALL: 'The app was removed from a sub-account or an agency',
};

export const properties: INodeProperties[] = [
	{
		displayName:
			'Paste the Production URL into your GHL Marketplace app’s webhook settings, or into a GHL workflow’s Webhook action (then choose Shared Secret below)',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: (Object.keys(EVENT_FAMILIES) as GhlEvent[])
			.map((event) => ({
				name: eventDisplayName(event),
				value: event,
				description: EVENT_DESCRIPTIONS[event] ?? `GHL’s ${event} webhook`,
			}))
			.sort((a, b) => a.name.localeCompare(b.name)),
		default: [],
		description: 'Deliveries of other events are answered with 200 and start nothing',
	},
	{
		displayName: 'Verification',
		name: 'verification',
		type: 'options',
		options: [
			{
				name: 'GHL Signature',
				value: 'signature',
				description:
					'Marketplace app webhooks: check x-ghl-signature (Ed25519) and x-wh-signature (RSA) against GHL’s public keys',
			},
			{
				name: 'Shared Secret',
				value: 'sharedSecret',
				description:
					'A GHL workflow’s Webhook action, which signs nothing: it sends a secret you choose',
			},
		],
		default: 'signature',
	},
	{
		displayName: 'Secret In',
		name: 'secretIn',
		type: 'options',
		options: [
			{ name: 'Header', value: 'header' },
			{ name: 'URL Query Parameter', value: 'query' },
		],
		default: 'header',
		displayOptions: { show: { verification: ['sharedSecret'] } },
	},
	{
		displayName: 'Header Name',
		name: 'headerName',
		type: 'string',
		default: 'x-webhook-secret',
		displayOptions: { show: { verification: ['sharedSecret'], secretIn: ['header'] } },
	},
	{
		displayName: 'Query Parameter Name',
		name: 'queryParameterName',
		type: 'string',
		default: 'secret',
		displayOptions: { show: { verification: ['sharedSecret'], secretIn: ['query'] } },
	},
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: 'A long random value; the Webhook action must send exactly this',
		displayOptions: { show: { verification: ['sharedSecret'] } },
	},
	{
		displayName: 'Fetch Full Contact',
		name: 'fetchContact',
		type: 'boolean',
		default: false,
		description:
			'Whether to read the event’s contact from GHL (payloads carry few fields; task, note and appointment events carry only its ID)',
	},
	{
		...authenticationProperty,
		// GHL pushes webhooks to Marketplace apps, so their users have OAuth2 at hand.
		default: 'oAuth2',
		// `hide`, not `show`: the editor hides a parameter that the main auth field's `show` names.
		displayOptions: { hide: { fetchContact: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Ed25519 Public Key',
				name: 'ed25519PublicKey',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: '-----BEGIN PUBLIC KEY-----',
				description: 'PEM key for x-ghl-signature; empty uses the key HighLevel publishes',
			},
			{
				displayName: 'Include Raw Payload',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add the payload exactly as GHL sent it, under `raw`',
			},
			{
				displayName: 'Only These Sub-Accounts',
				name: 'subAccounts',
				type: 'string',
				default: '',
				placeholder: 'e.g. ve9EPM428h8vShlRW1KT, 3Fq0Lx9wY2bHcT7eKpQa',
				description:
					'Location IDs, separated by commas: events of other sub-accounts are answered with 200 and start nothing. Empty: every sub-account the app is installed in. Agency-wide events (no location) always pass.',
			},
			{
				displayName: 'RSA Public Key (Legacy)',
				name: 'rsaPublicKey',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				placeholder: '-----BEGIN PUBLIC KEY-----',
				description: 'PEM key for x-wh-signature; empty uses the key HighLevel publishes',
			},
			{
				displayName: 'Timestamp Tolerance (Minutes)',
				name: 'toleranceMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 5,
				description:
					'Deliveries whose timestamp is further than this from now are refused as replays',
			},
		],
	},
];
