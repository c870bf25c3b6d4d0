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

/**
 * An OAuth2 credential connected to an agency (GHL's consent screen offers the agency as well as
 * each sub-account): its token acts for no location itself.
 */
export interface AgencyAccess {
	companyId: string;
	/** The Marketplace app: its OAuth client id up to the first "-" (notes §1.5). */
	appId: string;
}

/** Where a sub-account connection of an agency gets the token it signs requests with. */
export interface LocationTokenSource {
	/** The sub-account's token: the one held, or a new one from GHL. */
	current(): Promise<string>;
	/** GHL refused `accessToken`: the next `current` obtains a new one. */
	refused(accessToken: string): void;
}

/** Everything a request needs to know about the account it acts for. */
export interface GhlConnection {
	credentialType: string;
	/** n8n's id of the credential (its type where n8n gives none). */
	credentialId: string;
	baseUrl: string;
	/** The sub-account (location) the connection acts for; empty for an agency's own token. */
	locationId: string;
	/** Set while the connection holds an agency token (see `connectionsPerItem`). */
	agency?: AgencyAccess;
	/** Set on a sub-account connection of an agency: requests carry that sub-account's token. */
	locationToken?: LocationTokenSource;
	/**
	 * Scopes the token carries; the check before each call compares against these. Undefined when
	 * the credential declares none (n8n's editor saves a new token credential's Scopes empty):
	 * every call is then sent, and GHL's answer says which scope is missing.
	 */
	grantedScopes?: ReadonlySet<string>;
	/** The credential's secret values, which no error may repeat (see `redact`). */
	secrets: string[];
	/** Identifies the rate-limit budget (credential + location, or + company for an agency). */
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
	if (method === 'privateIntegrationToken') {
		const declared = credentials.scopes;
		return scopeSet(Array.isArray(declared) ? declared.map(String).join(' ') : '');
	}
	// OAuth: the token response says what was granted; the requested scope is the fallback.
	const tokenData = credentials.oauthTokenData as { scope?: unknown } | undefined;
	return scopeSet(
		typeof tokenData?.scope === 'string' ? tokenData.scope : String(credentials.scope ?? ''),
	);
}

/** GHL's scope string (space-separated; commas seen too) as a set; undefined when empty. */
export function scopeSet(granted: string): ReadonlySet<string> | undefined {
	const scopes = granted.split(/[\s,]+/).filter(Boolean);
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

/** An OAuth token of GHL's `userType` "Company": the agency's, with its company id. */
function agencyOf(
	method: AuthenticationMethod,
	credentials: ICredentialDataDecryptedObject,
): AgencyAccess | undefined {
	if (method !== 'oAuth2') return undefined;
	const tokenData = credentials.oauthTokenData as
		| { userType?: unknown; companyId?: unknown }
		| undefined;
	if (tokenData?.userType !== 'Company') return undefined;
	return {
		companyId: String(tokenData.companyId ?? '').trim(),
		appId: String(credentials.clientId ?? '').split('-')[0],
	};
}

/** The connection the credential itself gives (for an agency: its company token). */
export async function credentialConnection(ctx: GhlContext): Promise<GhlConnection> {
	const method = authenticationOf(ctx);
	const credentialType = CREDENTIAL_TYPE[method];
	const credentials = await ctx.getCredentials(credentialType);
	const baseUrl = String(credentials.baseUrl || GHL_API_BASE_URL).replace(/\/+$/, '');
	const locationId = locationOf(method, credentials);
	const agency = agencyOf(method, credentials);
	const credentialId = ctx.getNode().credentials?.[credentialType]?.id ?? credentialType;
	return {
		credentialType,
		credentialId,
		baseUrl,
		locationId: agency ? '' : locationId,
		agency,
		grantedScopes: scopesOf(method, credentials),
		secrets: secretsOf(credentials),
		budgetKey: agency
			? `${credentialId}:company:${agency.companyId}`
			: `${credentialId}:${locationId}`,
		reads: new ReadCache(),
	};
}
