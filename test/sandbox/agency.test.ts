import {
	COMPANY_ID,
	MAIN_LOCATION_ID,
	OAUTH_APP_ID,
	OTHER_LOCATION_ID,
	THIRD_LOCATION_ID,
} from '../../sandbox/identities';
import { startSandbox } from '../../sandbox/server';
import type { RunningSandbox } from '../../sandbox/types';
import { validateResponse } from '../../sandbox/validation';
import { call, control, VERSION } from './support/api';
import { authorizationCode, oauthAccessToken, REDIRECT_URI, tokenRequest } from './support/oauth';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ contacts: 3 });
});
afterAll(async () => {
	await sandbox?.close();
});

const AGENCY_SCOPE = 'contacts.readonly contacts.write oauth.readonly oauth.write';
const LOCATIONS = [MAIN_LOCATION_ID, OTHER_LOCATION_ID, THIRD_LOCATION_ID];
const AUTH_CLASS = /^This authClass type is not allowed to access this scope/;

/** The token response of an install the agency approved on the consent screen. */
async function agencyGrant(scope = AGENCY_SCOPE) {
	await control(sandbox, 'PUT', '/config', { autoApproveAs: 'company' });
	try {
		const code = await authorizationCode(sandbox, scope);
		return await tokenRequest(sandbox, {
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT_URI,
		});
	} finally {
		await control(sandbox, 'PUT', '/config', { autoApproveAs: 'location' });
	}
}

/** `POST /oauth/locationToken` as the spec declares it: form-encoded, Version, Bearer. */
async function locationToken(
	token: string,
	fields: Record<string, string>,
	{ version = VERSION, json = false }: { version?: string | null; json?: boolean } = {},
) {
	const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
	if (version !== null) headers.Version = version;
	headers['Content-Type'] = json ? 'application/json' : 'application/x-www-form-urlencoded';
	const response = await fetch(new URL('/oauth/locationToken', sandbox.url), {
		method: 'POST',
		headers,
		body: json ? JSON.stringify(fields) : new URLSearchParams(fields),
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const installed = (token: string, query: Record<string, string>) =>
	call(sandbox, 'GET', `/oauth/installedLocations?${new URLSearchParams(query).toString()}`, {
		token,
	});

describe('sandbox agency (company) installs', () => {
	it('issues a Company token when the agency is chosen: no locationId, every installed sub-account approved', async () => {
		const reply = await agencyGrant();
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({
			userType: 'Company',
			companyId: COMPANY_ID,
			isBulkInstallation: true,
			scope: AGENCY_SCOPE,
		});
		expect(reply.body).not.toHaveProperty('locationId');
		expect([...reply.body.approvedLocations].sort()).toEqual([...LOCATIONS].sort());
		expect(validateResponse('get-access-token', 200, reply.body)).toEqual([]);

		// A refresh keeps it a Company token; asking for the other type is refused.
		const refreshed = await tokenRequest(sandbox, {
			grant_type: 'refresh_token',
			refresh_token: reply.body.refresh_token,
			user_type: 'Company',
		});
		expect([refreshed.status, refreshed.body.userType]).toEqual([200, 'Company']);
		const mismatched = await tokenRequest(sandbox, {
			grant_type: 'refresh_token',
			refresh_token: refreshed.body.refresh_token,
			user_type: 'Location',
		});
		expect(mismatched.status).toBe(400);
	});

	it('refuses a Company token on a sub-account route, and a sub-account token on an agency route, with GHL’s authClass 401', async () => {
		const agency = (await agencyGrant()).body.access_token as string;
		const search = await call(sandbox, 'POST', '/contacts/search', {
			token: agency,
			body: { locationId: MAIN_LOCATION_ID, pageLimit: 1 },
		});
		expect([search.status, search.body.message]).toEqual([401, expect.stringMatching(AUTH_CLASS)]);
		for (const token of [sandbox.tokens.readWrite, await oauthAccessToken(sandbox)]) {
			const refused = await locationToken(token, {
				companyId: COMPANY_ID,
				locationId: MAIN_LOCATION_ID,
			});
			expect([refused.status, refused.body.message]).toEqual([
				401,
				expect.stringMatching(AUTH_CLASS),
			]);
		}
	});

	it('exchanges the agency token for a sub-account token that works there only, with the agency’s scopes minus oauth.*', async () => {
		const agency = (await agencyGrant()).body.access_token as string;
		const reply = await locationToken(agency, {
			companyId: COMPANY_ID,
			locationId: OTHER_LOCATION_ID,
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({
			token_type: 'Bearer',
			expires_in: 86_399,
			scope: 'contacts.readonly contacts.write',
			locationId: OTHER_LOCATION_ID,
			appId: OAUTH_APP_ID,
		});
		expect(validateResponse('get-location-access-token', 200, reply.body)).toEqual([]);
		const token = reply.body.access_token as string;
		const own = await call(sandbox, 'POST', '/contacts/search', {
			token,
			body: { locationId: OTHER_LOCATION_ID, pageLimit: 1 },
		});
		expect(own.status).toBe(200);
		const foreign = await call(sandbox, 'POST', '/contacts/search', {
			token,
			body: { locationId: MAIN_LOCATION_ID, pageLimit: 1 },
		});
		expect(foreign.status).toBe(403);

		await control(sandbox, 'POST', '/expire-location-tokens', { locationId: OTHER_LOCATION_ID });
		const expired = await call(sandbox, 'POST', '/contacts/search', {
			token,
			body: { locationId: OTHER_LOCATION_ID, pageLimit: 1 },
		});
		expect(expired.status).toBe(401);
	});

	it('refuses a malformed token request: JSON, no Version, a missing field, another company, no oauth.write, an uninstalled sub-account', async () => {
		const agency = (await agencyGrant()).body.access_token as string;
		const fields = { companyId: COMPANY_ID, locationId: MAIN_LOCATION_ID };
		expect((await locationToken(agency, fields, { json: true })).status).toBe(400);
		expect((await locationToken(agency, fields, { version: null })).body.message).toMatch(
			/^Missing header: Version/,
		);
		expect((await locationToken(agency, { companyId: COMPANY_ID })).body).toMatchObject({
			statusCode: 400,
			message: 'Missing parameter: locationId',
		});
		expect(
			(await locationToken(agency, { ...fields, companyId: 'cmpSomeoneElse000000' })).status,
		).toBe(400);
		const readOnly = (await agencyGrant('contacts.readonly oauth.readonly')).body
			.access_token as string;
		expect((await locationToken(readOnly, fields)).body.message).toBe(
			'The token is not authorized for this scope.',
		);

		const held = (await locationToken(agency, { ...fields, locationId: THIRD_LOCATION_ID })).body
			.access_token as string;
		await control(sandbox, 'DELETE', `/installs/${THIRD_LOCATION_ID}`);
		try {
			const lost = await locationToken(agency, { ...fields, locationId: THIRD_LOCATION_ID });
			expect([lost.status, lost.body.message]).toEqual([
				400,
				expect.stringContaining(THIRD_LOCATION_ID),
			]);
			const stale = await call(sandbox, 'POST', '/contacts/search', {
				token: held,
				body: { locationId: THIRD_LOCATION_ID, pageLimit: 1 },
			});
			expect(stale.status).toBe(401);
			const listed = await installed(agency, {
				companyId: COMPANY_ID,
				appId: OAUTH_APP_ID,
				isInstalled: 'true',
			});
			expect(listed.body.locations.map((l: { _id: string }) => l._id)).not.toContain(
				THIRD_LOCATION_ID,
			);
		} finally {
			await control(sandbox, 'POST', '/installs', { locationId: THIRD_LOCATION_ID });
		}
	});

	it('lists the installed sub-accounts (installedLocations): names, paging by skip and limit, name search, spec-valid', async () => {
		const agency = (await agencyGrant()).body.access_token as string;
		const all = await installed(agency, { companyId: COMPANY_ID, appId: OAUTH_APP_ID });
		expect(all.status).toBe(200);
		expect(validateResponse('get-installed-location', 200, all.body)).toEqual([]);
		expect(all.body.count).toBe(3);
		expect(all.body.locations.map((l: { _id: string; name: string }) => [l._id, l.name])).toEqual([
			[MAIN_LOCATION_ID, 'Sandbox Main'],
			[OTHER_LOCATION_ID, 'Sandbox Other'],
			[THIRD_LOCATION_ID, 'Sandbox Third'],
		]);
		const second = await installed(agency, {
			companyId: COMPANY_ID,
			appId: OAUTH_APP_ID,
			skip: '1',
			limit: '1',
		});
		expect([second.body.count, second.body.locations.map((l: { _id: string }) => l._id)]).toEqual([
			3,
			[OTHER_LOCATION_ID],
		]);
		const searched = await installed(agency, {
			companyId: COMPANY_ID,
			appId: OAUTH_APP_ID,
			query: 'THIRD',
		});
		expect(searched.body.locations.map((l: { _id: string }) => l._id)).toEqual([THIRD_LOCATION_ID]);

		expect((await installed(agency, { companyId: COMPANY_ID })).status).toBe(422);
		expect(
			(await installed(agency, { companyId: COMPANY_ID, appId: OAUTH_APP_ID, skip: 'x' })).status,
		).toBe(422);
		const readOnly = (await agencyGrant('contacts.readonly oauth.write')).body
			.access_token as string;
		expect((await installed(readOnly, { companyId: COMPANY_ID, appId: OAUTH_APP_ID })).status).toBe(
			401,
		);
	});
});
