import type { RunningSandbox } from '../../../sandbox/types';

export const REDIRECT_URI = 'http://127.0.0.1:9/callback';

/** An authorization code from the auto-approving authorize endpoint. */
export async function authorizationCode(
	sandbox: RunningSandbox,
	scope = 'contacts.readonly contacts.write',
): Promise<string> {
	const url = new URL('/v2/oauth/chooselocation', sandbox.url);
	url.search = new URLSearchParams({
		response_type: 'code',
		client_id: sandbox.oauthClient.clientId,
		redirect_uri: REDIRECT_URI,
		scope,
	}).toString();
	const response = await fetch(url, { redirect: 'manual' });
	const code = new URL(response.headers.get('location') ?? '').searchParams.get('code');
	if (!code) throw new Error(`no code (status ${response.status})`);
	return code;
}

/** `POST /oauth/token` with a form body; the client credentials are added unless given. */
export async function tokenRequest(
	sandbox: RunningSandbox,
	fields: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: any }> {
	const response = await fetch(new URL('/oauth/token', sandbox.url), {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			client_id: sandbox.oauthClient.clientId,
			client_secret: sandbox.oauthClient.clientSecret,
			...fields,
		}),
	});
	return { status: response.status, headers: response.headers, body: await response.json() };
}

/** A fresh OAuth access token for the main location. */
export async function oauthAccessToken(sandbox: RunningSandbox, scope?: string): Promise<string> {
	const code = await authorizationCode(sandbox, scope);
	const reply = await tokenRequest(sandbox, {
		grant_type: 'authorization_code',
		code,
		redirect_uri: REDIRECT_URI,
	});
	if (reply.status !== 200) throw new Error(`token exchange failed: ${reply.status}`);
	return reply.body.access_token as string;
}
