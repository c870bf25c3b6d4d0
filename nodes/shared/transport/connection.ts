import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { GHL_API_BASE_URL } from '../../../credentials/ghlService';
import { ReadCache } from './readCache';

export type GhlContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export type AuthenticationMethod = 'privateIntegrationToken' | 'oAuth2';

export const CREDENTIAL_TYPE: Record<AuthenticationMethod, string> = {
	privateIntegrationToken: 'ghlApi',
	oAuth2: 'ghlOAuth2Api',
};

/** Everything a request needs to know about the account it acts for. */
export interface GhlConnection {
	credentialType: string;
	baseUrl: string;
	/** The sub-account (location) the credential belongs to. */
	locationId: string;
	/**
	 * Scopes the token carries; the check before each call compares against these. Undefined when
	 * the credential declares none (n8n's editor saves a new token credential's Scopes empty):
	 * every call is then sent, and GHL's answer says which scope is missing.
	 */
	grantedScopes?: ReadonlySet<string>;
	/** The credential's secret values, which no error may repeat (see `redact`). */
	secrets: string[];
	/** Identifies the rate-limit budget (credential + location). */
	budgetKey: string;
	/** GET answers already read in this execution (absent: every read is sent). */
	reads?: ReadCache;
	/**
	 * When set (epoch ms), no request on this connection waits or runs past it: a poll must end
	 * before n8n abandons it. A request that would fails with the failure it met, or a timeout.
	 */
	deadlineAt?: number;
	/** Requests sent on this connection, where the caller counts them (a poll's cost). */
	requestsSent?: number;
	/** The OAuth refresh under way: GHL rotates refresh tokens, so items in parallel share one. */
	oauthRefresh?: Promise<unknown>;
}

function authenticationOf(ctx: GhlContext): AuthenticationMethod {
	const value =
		'getInputData' in ctx
			? ctx.getNodeParameter('authentication', 0, 'privateIntegrationToken')
			: ctx.getNodeParameter('authentication', 'privateIntegrationToken');
	return value === 'oAuth2' ? 'oAuth2' : 'privateIntegrationToken';
}

function scopesOf(
	method: AuthenticationMethod,
	credentials: ICredentialDataDecryptedObject,
): ReadonlySet<string> | undefined {
	let scopes: string[];
	if (method === 'privateIntegrationToken') {
		const declared = credentials.scopes;
		scopes = Array.isArray(declared) ? declared.map(String) : [];
	} else {
		// OAuth: the token response says what was granted; the requested scope is the fallback.
		const tokenData = credentials.oauthTokenData as { scope?: unknown } | undefined;
		const granted =
			typeof tokenData?.scope === 'string' ? tokenData.scope : String(credentials.scope ?? '');
		scopes = granted.split(/[\s,]+/).filter(Boolean);
	}
	return scopes.length > 0 ? new Set(scopes) : undefined;
}

/** Whether a call needing `scope` may be sent: declared, or nothing declared at all. */
export function mayUse(connection: GhlConnection, scope: string): boolean {
	return connection.grantedScopes?.has(scope) ?? true;
}

function locationOf(
	method: AuthenticationMethod,
	credentials: ICredentialDataDecryptedObject,
): string {
	if (method === 'privateIntegrationToken') return String(credentials.locationId ?? '').trim();
	const tokenData = credentials.oauthTokenData as { locationId?: unknown } | undefined;
	return String(tokenData?.locationId ?? '').trim();
}

/** What the credential holds that must stay secret: the token, OAuth tokens, client secret. */
export function secretsOf(credentials: ICredentialDataDecryptedObject): string[] {
	const tokenData = (credentials.oauthTokenData ?? {}) as Record<string, unknown>;
	return [
		credentials.token,
		credentials.clientSecret,
		tokenData.access_token,
		tokenData.refresh_token,
	].filter((value): value is string => typeof value === 'string' && value !== '');
}

export async function resolveConnection(ctx: GhlContext): Promise<GhlConnection> {
	const method = authenticationOf(ctx);
	const credentialType = CREDENTIAL_TYPE[method];
	const credentials = await ctx.getCredentials(credentialType);
	const baseUrl = String(credentials.baseUrl || GHL_API_BASE_URL).replace(/\/+$/, '');
	const locationId = locationOf(method, credentials);
	const credentialId = ctx.getNode().credentials?.[credentialType]?.id ?? credentialType;
	return {
		credentialType,
		baseUrl,
		locationId,
		grantedScopes: scopesOf(method, credentials),
		secrets: secretsOf(credentials),
		budgetKey: `${credentialId}:${locationId}`,
		reads: new ReadCache(),
	};
}
