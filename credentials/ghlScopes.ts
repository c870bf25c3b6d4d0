import type { INodePropertyOptions } from 'n8n-workflow';

/** What the Contacts operations themselves need. */
export const CONTACT_SCOPES = ['contacts.readonly', 'contacts.write'];

/** Scopes no contact operation needs, each of which unlocks one convenience. */
export const OPTIONAL_SCOPES: Array<{ scope: string; unlocks: string }> = [
	{ scope: 'locations/customFields.readonly', unlocks: 'the custom field picker' },
	{ scope: 'locations/tags.readonly', unlocks: 'the tag picker' },
	{ scope: 'users.readonly', unlocks: 'the user picker (assignee, followers)' },
	{ scope: 'workflows.readonly', unlocks: 'the workflow picker' },
	{ scope: 'campaigns.readonly', unlocks: 'the campaign picker' },
	{ scope: 'businesses.readonly', unlocks: 'the business picker' },
	{ scope: 'locations/tasks.readonly', unlocks: 'the task events of the trigger' },
];

export const SCOPE_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'contacts.readonly',
		value: 'contacts.readonly',
		description: 'Read contacts, their tasks, notes and appointments',
	},
	{
		name: 'contacts.write',
		value: 'contacts.write',
		description: 'Create, update and delete contacts, tasks, notes, tags and followers',
	},
	...OPTIONAL_SCOPES.map(({ scope, unlocks }) => ({
		name: scope,
		value: scope,
		description: `Optional: enables ${unlocks}`,
	})),
];

/** The extras as one sentence, for field descriptions. */
export const OPTIONAL_SCOPES_HINT = `Optional extras: ${OPTIONAL_SCOPES.map(
	({ scope, unlocks }) => `${scope} (${unlocks})`,
).join(', ')}.`;

/** What an agency connection needs besides the contact scopes (GHL's Agency-Access-Only routes). */
export const AGENCY_SCOPES_HINT =
	'To connect an agency (choose the agency, not a sub-account, on GHL’s consent screen) and act for each of its sub-accounts, add oauth.readonly (the Sub-Account list) and oauth.write (a token per sub-account).';
