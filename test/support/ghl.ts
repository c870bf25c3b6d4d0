import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CONTACT_SCOPES, EXTRA_SCOPES } from '../../sandbox/identities';
import { startSandbox } from '../../sandbox/server';
import type { LoggedRequest, RunningSandbox, SandboxOptions } from '../../sandbox/types';
import type { StoredCredential } from '../harness/credentialsHelper';

/**
 * Starts a sandbox for the test file (beforeAll) and closes it (afterAll). The returned getter
 * is valid inside tests.
 */
export function useSandbox(overrides: Partial<SandboxOptions> = {}): () => RunningSandbox {
	let sandbox: RunningSandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(overrides);
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox is not running (use the getter inside a test)');
		return sandbox;
	};
}

const PIT_SCOPES: Record<'readWrite' | 'readOnly' | 'otherLocation', string[]> = {
	readWrite: [...CONTACT_SCOPES, ...EXTRA_SCOPES],
	readOnly: ['contacts.readonly'],
	otherLocation: CONTACT_SCOPES,
};

/** A `ghlApi` credential holding one of the sandbox's Private Integration Tokens. */
export function pitCredential(
	sandbox: RunningSandbox,
	which: keyof typeof PIT_SCOPES = 'readWrite',
	overrides: ICredentialDataDecryptedObject = {},
): StoredCredential {
	return {
		id: `pit-${which}`,
		name: `Sandbox PIT (${which})`,
		type: 'ghlApi',
		data: {
			token: sandbox.tokens[which],
			locationId: which === 'otherLocation' ? sandbox.otherLocationId : sandbox.mainLocationId,
			scopes: PIT_SCOPES[which],
			baseUrl: sandbox.url,
			...overrides,
		},
	};
}

const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

/**
 * A connected `ghlOAuth2Api` credential, obtained the way n8n obtains one: the authorization-code
 * flow against the sandbox's OAuth server (auto-approved), the token response stored as
 * `oauthTokenData`.
 */
export async function oauthCredential(
	sandbox: RunningSandbox,
	scopes: string[] = PIT_SCOPES.readWrite,
): Promise<StoredCredential> {
	const authorize = new URL('/v2/oauth/chooselocation', sandbox.url);
	authorize.search = new URLSearchParams({
		response_type: 'code',
		client_id: sandbox.oauthClient.clientId,
		redirect_uri: REDIRECT_URI,
		scope: scopes.join(' '),
		state: 'harness',
	}).toString();
	const redirect = await fetch(authorize, { redirect: 'manual' });
	const location = redirect.headers.get('location');
	const code = location ? new URL(location).searchParams.get('code') : null;
	if (!code) throw new Error(`Authorize did not redirect with a code (status ${redirect.status})`);
	const tokenResponse = await fetch(new URL('/oauth/token', sandbox.url), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code,
			client_id: sandbox.oauthClient.clientId,
			client_secret: sandbox.oauthClient.clientSecret,
			redirect_uri: REDIRECT_URI,
		}),
	});
	if (!tokenResponse.ok) throw new Error(`Token exchange failed: ${tokenResponse.status}`);
	const oauthTokenData = (await tokenResponse.json()) as ICredentialDataDecryptedObject;
	return {
		id: 'oauth-sandbox',
		name: 'Sandbox OAuth2',
		type: 'ghlOAuth2Api',
		data: {
			environment: 'custom',
			customHost: sandbox.url,
			clientId: sandbox.oauthClient.clientId,
			clientSecret: sandbox.oauthClient.clientSecret,
			scope: scopes.join(' '),
			oauthTokenData,
		},
	};
}

/** Scopes of an agency's app: the contact scopes and the two agency routes'. */
export const AGENCY_SCOPES = [...PIT_SCOPES.readWrite, 'oauth.readonly', 'oauth.write'];

/**
 * A `ghlOAuth2Api` credential connected to the sandbox's agency (the consent screen's company
 * choice), under its own id: location tokens are held per credential, so each test that counts
 * exchanges starts with none.
 */
export async function agencyCredential(
	sandbox: RunningSandbox,
	id: string,
	scopes: string[] = AGENCY_SCOPES,
): Promise<StoredCredential> {
	await control(sandbox, 'PUT', '/config', { autoApproveAs: 'company' });
	try {
		return { ...(await oauthCredential(sandbox, scopes)), id, name: `Sandbox agency (${id})` };
	} finally {
		await control(sandbox, 'PUT', '/config', { autoApproveAs: 'location' });
	}
}

/** Calls the sandbox's control API (`/__sandbox/...`) and returns the parsed JSON. */
export async function control<T = unknown>(
	sandbox: RunningSandbox,
	method: string,
	path: string,
	body?: unknown,
): Promise<T> {
	const response = await fetch(new URL(`/__sandbox${path}`, sandbox.url), {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`Control ${method} ${path} failed: ${response.status} ${text}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

/** The sandbox's request log (GHL and OAuth routes; tokens redacted). */
export async function requestLog(sandbox: RunningSandbox): Promise<LoggedRequest[]> {
	return await control<LoggedRequest[]>(sandbox, 'GET', '/log');
}

/** Empties the request log, so a test sees only its own requests. */
export async function clearLog(sandbox: RunningSandbox): Promise<void> {
	await control(sandbox, 'DELETE', '/log');
}
