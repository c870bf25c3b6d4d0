/** Where GHL lives and which API version the Contacts endpoints declare (one `Version` for all 32). */
export const GHL_API_BASE_URL = 'https://services.leadconnectorhq.com';
export const GHL_API_VERSION = '2021-07-28';

/** Hosts of the page where a user picks the sub-account that installs the OAuth app. */
export const GHL_MARKETPLACE_URL = {
	standard: 'https://marketplace.gohighlevel.com',
	whiteLabel: 'https://marketplace.leadconnectorhq.com',
} as const;

export const GHL_CHOOSE_LOCATION_PATH = '/v2/oauth/chooselocation';
export const GHL_TOKEN_PATH = '/oauth/token';
