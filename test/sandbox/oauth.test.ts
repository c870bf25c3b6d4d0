import { AuthorizationCode } from 'simple-oauth2';

import { startSandbox } from '../../sandbox/server';
import type { RunningSandbox } from '../../sandbox/types';
import { call, control, someContactId } from './support/api';
import { authorizationCode, REDIRECT_URI, tokenRequest } from './support/oauth';

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ contacts: 3, accessTokenTtlSec: 3600 });
});
afterAll(async () => {
	await sandbox?.close();
});

const SCOPE = 'contacts.readonly contacts.write';

/** simple-oauth2 as an independent client, configured as n8n's credential is (body auth, form). */
function client(secret = sandbox.oauthClient.clientSecret): AuthorizationCode {
	return new AuthorizationCode({
		client: { id: sandbox.oauthClient.clientId, secret },
		auth: {
			tokenHost: sandbox.url,
			tokenPath: '/oauth/token',
			authorizeHost: sandbox.url,
			authorizePath: '/v2/oauth/chooselocation',
		},
		options: { authorizationMethod: 'body', bodyFormat: 'form' },
	});
}

/** Follows the authorize URL without following the redirect; the code and state it carries. */
async function approve(url: string): Promise<{ code: string; state: string | null }> {
	const response = await fetch(url, { redirect: 'manual' });
	expect(response.status).toBe(302);
	const target = new URL(response.headers.get('location') ?? '');
	expect(`${target.origin}${target.pathname}`).toBe(REDIRECT_URI);
	return { code: target.searchParams.get('code') ?? '', state: target.searchParams.get('state') };
}

describe('authorization code flow (simple-oauth2)', () => {
	it('issues, uses, refreshes and rotates tokens', async () => {
		const oauth = client();
		const url = oauth.authorizeURL({ redirect_uri: REDIRECT_URI, scope: SCOPE, state: 's-42' });
		const { code, state } = await approve(url);
		expect(state).toBe('s-42');

		const first = await oauth.getToken({ code, redirect_uri: REDIRECT_URI });
		expect(first.token).toMatchObject({
			token_type: 'Bearer',
			expires_in: 3600,
			scope: SCOPE,
			userType: 'Location',
			locationId: sandbox.mainLocationId,
			companyId: sandbox.companyId,
			isBulkInstallation: false,
		});
		expect(typeof first.token.userId).toBe('string');
		const id = await someContactId(sandbox);
		const firstAccess = first.token.access_token as string;
		expect((await call(sandbox, 'GET', `/contacts/${id}`, { token: firstAccess })).status).toBe(
			200,
		);

		const second = await first.refresh();
		const secondAccess = second.token.access_token as string;
		expect(secondAccess).not.toBe(firstAccess);
		expect(second.token.refresh_token).not.toBe(first.token.refresh_token);
		expect((await call(sandbox, 'GET', `/contacts/${id}`, { token: secondAccess })).status).toBe(
			200,
		);
		// The old access token lives on until it expires.
		expect((await call(sandbox, 'GET', `/contacts/${id}`, { token: firstAccess })).status).toBe(
			200,
		);

		await expect(first.refresh()).rejects.toMatchObject({
			output: { statusCode: 400 },
			data: { payload: { statusCode: 400, message: 'Invalid grant: refresh token is invalid' } },
		});
		// The rotated refresh token still works once.
		expect((await second.refresh()).token.access_token).toEqual(expect.any(String));
	});

	it('accepts the legacy authorize path too', async () => {
		const url = client()
			.authorizeURL({ redirect_uri: REDIRECT_URI, scope: SCOPE })
			.replace('/v2/oauth/', '/oauth/');
		const { code, state } = await approve(url);
		expect(code).not.toBe('');
		expect(state).toBeNull();
	});

	it('rejects a reused code, a code for another redirect URI, and a wrong secret', async () => {
		const oauth = client();
		const { code } = await approve(
			oauth.authorizeURL({ redirect_uri: REDIRECT_URI, scope: SCOPE }),
		);
		await oauth.getToken({ code, redirect_uri: REDIRECT_URI });
		const invalidCode = {
			data: {
				payload: { statusCode: 400, message: 'Invalid grant: authorization code is invalid' },
			},
		};
		await expect(oauth.getToken({ code, redirect_uri: REDIRECT_URI })).rejects.toMatchObject(
			invalidCode,
		);

		const other = await authorizationCode(sandbox);
		await expect(
			oauth.getToken({ code: other, redirect_uri: 'http://127.0.0.1:9/elsewhere' }),
		).rejects.toMatchObject(invalidCode);

		const fresh = await authorizationCode(sandbox);
		await expect(
			client('wrong-secret').getToken({ code: fresh, redirect_uri: REDIRECT_URI }),
		).rejects.toMatchObject({
			output: { statusCode: 401 },
			data: { payload: { statusCode: 401, error: 'Unauthorized' } },
		});
	});

	it('expires access tokens by the sandbox clock', async () => {
		const oauth = client();
		const { code } = await approve(
			oauth.authorizeURL({ redirect_uri: REDIRECT_URI, scope: SCOPE }),
		);
		const token = (await oauth.getToken({ code, redirect_uri: REDIRECT_URI })).token;
		const id = await someContactId(sandbox);
		const access = token.access_token as string;
		await control(sandbox, 'POST', '/clock', { advanceMs: 3_599_000 });
		expect((await call(sandbox, 'GET', `/contacts/${id}`, { token: access })).status).toBe(200);
		await control(sandbox, 'POST', '/clock', { advanceMs: 2_000 });
		expect(await call(sandbox, 'GET', `/contacts/${id}`, { token: access })).toMatchObject({
			status: 401,
			body: { message: 'Invalid token: access token is invalid', error: 'Unauthorized' },
		});
	});

	it('grants only the requested scopes', async () => {
		const oauth = client();
		const { code } = await approve(
			oauth.authorizeURL({ redirect_uri: REDIRECT_URI, scope: 'contacts.readonly' }),
		);
		const access = (await oauth.getToken({ code, redirect_uri: REDIRECT_URI })).token
			.access_token as string;
		const write = await call(sandbox, 'POST', '/contacts/', {
			token: access,
			body: { locationId: sandbox.mainLocationId, email: 'oauth.scope@example.com' },
		});
		expect(write.status).toBe(401);
		expect(write.body.message).toBe('The token is not authorized for this scope.');
	});
});

describe('slow token endpoint', () => {
	it('spends a refresh token on arrival and answers tokenMs later: a second use meanwhile is refused', async () => {
		const code = await authorizationCode(sandbox, SCOPE);
		const issued = await tokenRequest(sandbox, {
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT_URI,
		});
		const refreshToken = issued.body.refresh_token as string;
		await control(sandbox, 'PUT', '/config', { latency: { tokenMs: 400 } });
		try {
			const refresh = () =>
				tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken });
			const first = refresh();
			await new Promise((resolve) => setTimeout(resolve, 100));
			const second = await refresh();
			// The second is answered only after its own delay too, but the first had spent the token.
			expect(second.status).toBe(400);
			expect(second.body.message).toMatch(/Invalid grant/);
			expect((await first).status).toBe(200);
		} finally {
			await control(sandbox, 'PUT', '/config', { latency: { tokenMs: 0 } });
		}
	});
});

describe('token endpoint errors', () => {
	it('names missing and invalid parameters', async () => {
		const missing = await tokenRequest(sandbox, { grant_type: 'authorization_code' });
		expect(missing).toMatchObject({
			status: 400,
			body: { statusCode: 400, message: 'Missing parameter: code' },
		});
		expect((await tokenRequest(sandbox, { grant_type: 'client_credentials' })).body.message).toBe(
			'Invalid parameter: grant_type',
		);
		expect((await tokenRequest(sandbox, { client_id: '', grant_type: 'x' })).body.message).toBe(
			'Missing parameter: client_id',
		);
		// Company and Location are GHL's two token types (agency.test.ts has the Company ones).
		const unknownType = await tokenRequest(sandbox, {
			grant_type: 'refresh_token',
			refresh_token: 'x',
			user_type: 'Agency',
		});
		expect(unknownType.status).toBe(400);
		expect(unknownType.body.message).toBe('Invalid parameter: user_type');
	});

	it('takes form bodies only', async () => {
		const response = await fetch(new URL('/oauth/token', sandbox.url), {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				client_id: sandbox.oauthClient.clientId,
				client_secret: sandbox.oauthClient.clientSecret,
				grant_type: 'authorization_code',
				code: await authorizationCode(sandbox),
			}),
		});
		expect(response.status).toBe(400);
	});
});

describe('authorize page', () => {
	it('refuses an unknown client or response type with a 400 page', async () => {
		const url = new URL('/v2/oauth/chooselocation', sandbox.url);
		url.search = new URLSearchParams({
			response_type: 'code',
			client_id: 'someone-else',
			redirect_uri: REDIRECT_URI,
			scope: SCOPE,
		}).toString();
		const unknown = await fetch(url, { redirect: 'manual' });
		expect(unknown.status).toBe(400);
		expect(await unknown.text()).toContain('someone-else');
		url.searchParams.set('client_id', sandbox.oauthClient.clientId);
		url.searchParams.set('response_type', 'token');
		expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
	});

	it('shows a consent page when auto-approve is off, and its Approve installs into the chosen location', async () => {
		await control(sandbox, 'PUT', '/config', { autoApprove: false });
		try {
			const url = client().authorizeURL({ redirect_uri: REDIRECT_URI, scope: SCOPE, state: 'p' });
			const page = await fetch(url, { redirect: 'manual' });
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain('<form method="post"');
			expect(html).toContain('contacts.write');
			expect(html).toContain(sandbox.otherLocationId);

			const posted = await fetch(url, {
				method: 'POST',
				redirect: 'manual',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					response_type: 'code',
					client_id: sandbox.oauthClient.clientId,
					redirect_uri: REDIRECT_URI,
					scope: SCOPE,
					state: 'p',
					locationId: sandbox.otherLocationId,
				}),
			});
			expect(posted.status).toBe(302);
			const target = new URL(posted.headers.get('location') ?? '');
			expect(target.searchParams.get('state')).toBe('p');
			const token = await tokenRequest(sandbox, {
				grant_type: 'authorization_code',
				code: target.searchParams.get('code') ?? '',
			});
			expect(token.body.locationId).toBe(sandbox.otherLocationId);
		} finally {
			await control(sandbox, 'PUT', '/config', { autoApprove: true });
		}
	});
});
