/**
 * Fixed identities of the sandbox world. Ids follow GHL's 20-character alphanumeric form; tokens
 * follow the `pit-` prefix of Private Integration Tokens. Deterministic so that tests, the demo and
 * example workflows can name them.
 */
export const COMPANY_ID = 'cmpSbx0000000000000A';
export const COMPANY_NAME = 'Sandbox Agency';
export const MAIN_LOCATION_ID = 'locSbxMain000000000A';
export const OTHER_LOCATION_ID = 'locSbxOther00000000B';
/** A third sub-account of the agency, with no data of its own at start. */
export const THIRD_LOCATION_ID = 'locSbxThird00000000C';
/** The agency's sub-accounts, by name, as the agency's app lists them. */
export const SUB_ACCOUNT_NAMES: Record<string, string> = {
	[MAIN_LOCATION_ID]: 'Sandbox Main',
	[OTHER_LOCATION_ID]: 'Sandbox Other',
	[THIRD_LOCATION_ID]: 'Sandbox Third',
};
/** The user who "installed" the OAuth app and owns the seeded data. */
export const OWNER_USER_ID = 'usrSbxOwner00000000A';

export const CONTACT_SCOPES = ['contacts.readonly', 'contacts.write'];
/** Every scope a picker or the trigger may need, besides the contact scopes. */
export const EXTRA_SCOPES = [
	'locations/customFields.readonly',
	'locations/tags.readonly',
	'locations/tasks.readonly',
	'users.readonly',
	'workflows.readonly',
	'campaigns.readonly',
	'businesses.readonly',
];

export const PIT_READ_WRITE = 'pit-sbx-rw-00000000-0000-4000-8000-000000000001';
export const PIT_READ_ONLY = 'pit-sbx-ro-00000000-0000-4000-8000-000000000002';
export const PIT_OTHER_LOCATION = 'pit-sbx-ot-00000000-0000-4000-8000-000000000003';

/** OAuth client ids have the form `<appId>-<suffix>`. */
export const OAUTH_CLIENT_ID = '6650c0ffee0000000000000a-sbx0demo';
export const OAUTH_CLIENT_SECRET = 'sbx-oauth-client-secret-0001';
/** The Marketplace app: the client id up to its first "-" (notes §1.5). */
export const OAUTH_APP_ID = OAUTH_CLIENT_ID.split('-')[0];
