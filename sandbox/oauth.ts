import { renderError } from './errors';
import type { Incoming, Reply } from './http';
import {
	COMPANY_ID,
	MAIN_LOCATION_ID,
	OAUTH_CLIENT_ID,
	OAUTH_CLIENT_SECRET,
	OWNER_USER_ID,
} from './identities';
import type { Installs } from './installs';
import { newToken } from './tokens';
import type { TokenStore } from './tokens';
import { GhlApiError } from './types';
import type { Clock, SandboxOptions, TokenGrant } from './types';

/** Both authorize paths: the documented `/v2` one and the legacy one the SDK still builds. */
export const AUTHORIZE_PATHS = ['/v2/oauth/chooselocation', '/oauth/chooselocation'];
export const TOKEN_PATH = '/oauth/token';

/** Undocumented lifetimes, chosen: codes are short-lived as usual in OAuth; refresh tokens last a year (notes §1.3). */
const CODE_TTL_MS = 10 * 60 * 1000;
const REFRESH_TTL_MS = 365 * 24 * 60 * 60 * 1000;
/** The consent screen's choice of the agency rather than one of its sub-accounts. */
const AGENCY_CHOICE = COMPANY_ID;

interface Consent {
	clientId: string;
	redirectUri: string;
	scopes: string[];
	/** The sub-account chosen; empty when the agency was. */
	locationId: string;
	userType: 'Company' | 'Location';
	expiresAt: number;
}

function escapeHtml(value: string): string {
	return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(status: number, title: string, content: string): Reply {
	return {
		status,
		html: `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${content}</body></html>`,
	};
}

function field(values: Record<string, unknown>, name: string): string | undefined {
	const value = values[name];
	return typeof value === 'string' && value !== '' ? value : undefined;
}

const badRequest = (message: string) => new GhlApiError(400, message);

/**
 * The Marketplace OAuth server (notes §1): authorize with location choice, code exchange and
 * rotating single-use refresh tokens. One client, the sandbox's; it accepts any redirect URI
 * (there is no app registration to check against) but binds each code to the one it was issued for.
 */
export class OAuthServer {
	private codes = new Map<string, Consent>();
	private refreshTokens = new Map<string, Omit<Consent, 'redirectUri'> & { userId: string }>();

	constructor(
		private readonly tokens: TokenStore,
		private readonly clock: Clock,
		private readonly options: SandboxOptions,
		private readonly installs: Installs,
	) {}

	reset(): void {
		this.codes.clear();
		this.refreshTokens.clear();
	}

	handle(incoming: Incoming): Reply | undefined {
		const { method, path } = incoming;
		const normalized = path.replace(/\/+$/, '');
		if (AUTHORIZE_PATHS.includes(normalized)) {
			if (method === 'GET') return this.authorize(incoming.query, normalized);
			if (method === 'POST') return this.approve(incoming);
		}
		if (normalized === TOKEN_PATH && method === 'POST') {
			try {
				return this.token(incoming);
			} catch (error) {
				if (error instanceof GhlApiError) return renderError(error);
				throw error;
			}
		}
		return undefined;
	}

	/** Checks an authorize request; the problem as a sentence, or undefined when fine. */
	private problemWith(values: Record<string, unknown>): string | undefined {
		if (field(values, 'response_type') !== 'code') return 'response_type must be "code"';
		const clientId = field(values, 'client_id');
		if (!clientId) return 'Missing parameter: client_id';
		if (clientId !== OAUTH_CLIENT_ID) return `Unknown client_id ${clientId}`;
		const redirect = field(values, 'redirect_uri');
		if (!redirect || !/^https?:\/\//.test(redirect)) return 'redirect_uri must be an http(s) URL';
		if (!field(values, 'scope')) return 'Missing parameter: scope';
		return undefined;
	}

	private authorize(query: Record<string, string | string[]>, path: string): Reply {
		const values = Object.fromEntries(
			Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
		);
		const problem = this.problemWith(values);
		if (problem) return page(400, 'Invalid authorization request', `<p>${escapeHtml(problem)}</p>`);
		if (this.options.autoApprove) {
			const choice = this.options.autoApproveAs === 'company' ? AGENCY_CHOICE : MAIN_LOCATION_ID;
			return this.redirectWithCode(values, choice);
		}
		const hidden = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state']
			.filter((name) => values[name] !== undefined)
			.map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(values[name])}">`)
			.join('');
		const scopes = values.scope
			.split(/\s+/)
			.map((s) => `<li>${escapeHtml(s)}</li>`)
			.join('');
		const options = [
			`<option value="${AGENCY_CHOICE}">Agency ${AGENCY_CHOICE} (every sub-account)</option>`,
			...this.installs
				.list()
				.map(
					(entry) => `<option value="${entry.id}">${escapeHtml(entry.name)} (${entry.id})</option>`,
				),
		].join('');
		return page(
			200,
			'GHL Sandbox: install the app',
			`<form method="post" action="${path}">${hidden}` +
				`<p>Client <code>${escapeHtml(values.client_id)}</code> asks for:</p><ul>${scopes}</ul>` +
				`<p><label>Account <select name="locationId">${options}</select></label></p>` +
				`<button type="submit">Approve</button></form>`,
		);
	}

	/** The consent page posts back here. */
	private approve(incoming: Incoming): Reply {
		const values = (incoming.body ?? {}) as Record<string, unknown>;
		const locationId = field(values, 'locationId') ?? '';
		const known = locationId === AGENCY_CHOICE || this.installs.isInstalled(locationId);
		const problem =
			this.problemWith(values) ?? (known ? undefined : `Unknown locationId ${locationId}`);
		if (problem) return page(400, 'Invalid authorization request', `<p>${escapeHtml(problem)}</p>`);
		return this.redirectWithCode(values as Record<string, string>, locationId);
	}

	/** `choice`: a sub-account's id, or the company's for the agency. */
	private redirectWithCode(values: Record<string, string>, choice: string): Reply {
		const code = newToken('sbx-code');
		const agency = choice === AGENCY_CHOICE;
		this.codes.set(code, {
			clientId: values.client_id,
			redirectUri: values.redirect_uri,
			scopes: values.scope.split(/\s+/).filter(Boolean),
			locationId: agency ? '' : choice,
			userType: agency ? 'Company' : 'Location',
			expiresAt: this.clock.now() + CODE_TTL_MS,
		});
		const target = new URL(values.redirect_uri);
		target.searchParams.set('code', code);
		if (values.state !== undefined) target.searchParams.set('state', values.state);
		return { status: 302, headers: { Location: target.toString() } };
	}

	/** `POST /oauth/token` (spec `get-access-token`): form body, client credentials in it. */
	private token(incoming: Incoming): Reply {
		// Form only, as the spec declares; what GHL does with JSON is undocumented.
		if (!incoming.form) throw badRequest('Content-Type must be application/x-www-form-urlencoded');
		const values = (incoming.body ?? {}) as Record<string, unknown>;
		for (const name of ['client_id', 'client_secret', 'grant_type']) {
			if (!field(values, name)) throw badRequest(`Missing parameter: ${name}`);
		}
		if (values.client_id !== OAUTH_CLIENT_ID || values.client_secret !== OAUTH_CLIENT_SECRET) {
			throw new GhlApiError(401, 'Invalid client: client_id or client_secret is wrong');
		}
		const userType = field(values, 'user_type');
		if (userType !== undefined && userType !== 'Location' && userType !== 'Company') {
			throw badRequest('Invalid parameter: user_type');
		}
		if (values.grant_type === 'authorization_code') return this.exchangeCode(values);
		if (values.grant_type === 'refresh_token') return this.refresh(values, userType);
		throw badRequest('Invalid parameter: grant_type');
	}

	private exchangeCode(values: Record<string, unknown>): Reply {
		const code = field(values, 'code');
		if (!code) throw badRequest('Missing parameter: code');
		const consent = this.codes.get(code);
		// Single use: a code is gone once presented, even if the exchange then fails.
		this.codes.delete(code);
		const redirectUri = field(values, 'redirect_uri');
		// The spec does not require redirect_uri here; when sent it must be the authorize one.
		if (
			!consent ||
			consent.expiresAt <= this.clock.now() ||
			consent.clientId !== values.client_id ||
			(redirectUri !== undefined && redirectUri !== consent.redirectUri)
		) {
			throw badRequest('Invalid grant: authorization code is invalid');
		}
		return this.issue({ ...consent, userId: OWNER_USER_ID });
	}

	private refresh(values: Record<string, unknown>, userType: string | undefined): Reply {
		const presented = field(values, 'refresh_token');
		if (!presented) throw badRequest('Missing parameter: refresh_token');
		const stored = this.refreshTokens.get(presented);
		// Refresh tokens rotate: each one works once (notes §1.3).
		this.refreshTokens.delete(presented);
		if (!stored || stored.expiresAt <= this.clock.now() || stored.clientId !== values.client_id) {
			throw badRequest('Invalid grant: refresh token is invalid');
		}
		// [gap] GHL's answer to a user_type other than the token's is undocumented; a 400 is chosen.
		if (userType !== undefined && userType !== stored.userType) {
			throw badRequest('Invalid parameter: user_type does not match the refresh token');
		}
		return this.issue(stored);
	}

	/** A new access token and refresh token; earlier access tokens live on until they expire. */
	private issue(basis: Omit<Consent, 'redirectUri' | 'expiresAt'> & { userId: string }): Reply {
		const now = this.clock.now();
		const grant: TokenGrant = {
			token: newToken('sbx-at'),
			kind: 'oauth',
			userType: basis.userType,
			locationId: basis.locationId,
			companyId: COMPANY_ID,
			userId: basis.userId,
			scopes: basis.scopes,
			expiresAt: now + this.options.accessTokenTtlSec * 1000,
			clientId: basis.clientId,
		};
		this.tokens.add(grant);
		const refreshToken = newToken('sbx-rt');
		this.refreshTokens.set(refreshToken, {
			clientId: basis.clientId,
			scopes: basis.scopes,
			locationId: basis.locationId,
			userType: basis.userType,
			userId: basis.userId,
			expiresAt: now + REFRESH_TTL_MS,
		});
		return {
			status: 200,
			body: {
				access_token: grant.token,
				token_type: 'Bearer',
				expires_in: this.options.accessTokenTtlSec,
				refresh_token: refreshToken,
				scope: grant.scopes.join(' '),
				userType: basis.userType,
				companyId: grant.companyId,
				userId: grant.userId,
				...(basis.userType === 'Company'
					? {
							approvedLocations: this.installs.installedIds(),
							isBulkInstallation: true,
							approveAllLocations: true,
							installToFutureLocations: false,
						}
					: { locationId: grant.locationId, isBulkInstallation: false }),
			},
		};
	}
}
