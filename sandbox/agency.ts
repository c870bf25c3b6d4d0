import { OAUTH_APP_ID } from './identities';
import type { Installs } from './installs';
import { newToken } from './tokens';
import type { TokenStore } from './tokens';
import { GhlApiError } from './types';
import type { Clock, Handler, SandboxOptions, SandboxRequest, TokenGrant } from './types';

/** Sub-account tokens start so, for checks that none got out of the process that holds them. */
export const LOCATION_TOKEN_PREFIX = 'sbx-lt';

function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

function formField(req: SandboxRequest, name: string): string {
	const value = (req.body as Record<string, unknown> | undefined)?.[name];
	if (typeof value !== 'string' || value === '')
		throw new GhlApiError(400, `Missing parameter: ${name}`);
	return value;
}

/** A whole number from a string query parameter (GHL's `skip` and `limit` are strings). */
function count(req: SandboxRequest, name: string, fallback: number): number {
	const raw = single(req.query[name]);
	if (raw === undefined) return fallback;
	if (!/^\d+$/.test(raw)) throw new GhlApiError(422, [`${name} must be a number string`]);
	return Number(raw);
}

/**
 * The two Agency-Access-Only routes (notes §1.4–1.5), for Company tokens: the sub-accounts the
 * app is installed in, and a sub-account's own token. The pipeline has already checked the token
 * class, the Version header and the `oauth.*` scope.
 */
export function agencyHandlers(
	tokens: TokenStore,
	installs: Installs,
	clock: Clock,
	options: SandboxOptions,
): Record<string, Handler> {
	const ownCompany = (companyId: string, grant: TokenGrant) => {
		// [gap] GHL's answer for another company's id is undocumented; a 400 naming it is chosen.
		if (companyId !== grant.companyId) {
			throw new GhlApiError(400, `companyId ${companyId} is not the token's company`);
		}
	};
	return {
		'get-location-access-token': (req) => {
			const type = String(single(req.headers['content-type']) ?? '');
			if (!type.startsWith('application/x-www-form-urlencoded')) {
				throw new GhlApiError(400, 'Content-Type must be application/x-www-form-urlencoded');
			}
			const companyId = formField(req, 'companyId');
			const locationId = formField(req, 'locationId');
			ownCompany(companyId, req.grant);
			// [gap] Undocumented: the text for a sub-account the app is not installed in.
			if (!installs.isInstalled(locationId)) {
				throw new GhlApiError(400, `The app is not installed in location ${locationId}`);
			}
			const grant: TokenGrant = {
				token: newToken(LOCATION_TOKEN_PREFIX),
				kind: 'oauth',
				userType: 'Location',
				viaAgency: true,
				locationId,
				companyId,
				userId: req.grant.userId,
				clientId: req.grant.clientId,
				scopes: req.grant.scopes.filter((scope) => !scope.startsWith('oauth.')),
				expiresAt: clock.now() + (options.locationTokenTtlSec ?? 86_399) * 1000,
			};
			tokens.add(grant);
			return {
				status: 200,
				body: {
					access_token: grant.token,
					token_type: 'Bearer',
					expires_in: options.locationTokenTtlSec ?? 86_399,
					scope: grant.scopes.join(' '),
					locationId,
					userId: grant.userId,
					appId: OAUTH_APP_ID,
				},
			};
		},
		'get-installed-location': (req) => {
			const companyId = single(req.query.companyId) ?? '';
			ownCompany(companyId, req.grant);
			if (single(req.query.appId) !== OAUTH_APP_ID) {
				throw new GhlApiError(
					400,
					`appId ${String(single(req.query.appId))} is not an app of this company`,
				);
			}
			const skip = count(req, 'skip', 0);
			const limit = count(req, 'limit', 20);
			const query = single(req.query.query)?.toLowerCase();
			const installed = single(req.query.isInstalled);
			const only = single(req.query.locationId);
			const matching = installs
				.list()
				.filter(
					(entry) =>
						installed === undefined || (entry.installedAt !== undefined) === (installed === 'true'),
				)
				.filter((entry) => !query || entry.name.toLowerCase().includes(query))
				.filter((entry) => !only || entry.id === only);
			return {
				status: 200,
				body: {
					locations: matching.slice(skip, skip + limit).map((entry) => ({
						_id: entry.id,
						name: entry.name,
						address: '',
						isInstalled: entry.installedAt !== undefined,
						...(entry.installedAt !== undefined
							? { installedAt: new Date(entry.installedAt).toISOString() }
							: {}),
					})),
					count: matching.length,
					installToFutureLocations: false,
				},
			};
		},
	};
}
