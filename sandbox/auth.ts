import { AUTH_CLASS_DENIED, INVALID_TOKEN, LOCATION_DENIED, SCOPE_DENIED } from './errors';
import { versionsOf } from './spec';
import type { SpecOperation } from './spec';
import { UNDECLARED_SCOPES } from './specSupplements';
import type { TokenStore } from './tokens';
import { GhlApiError } from './types';
import type { TokenGrant } from './types';

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** Step 1: a live bearer token. Unknown, revoked and expired tokens get the same 401. */
export function authenticate(headers: Headers, tokens: TokenStore, now: number): TokenGrant {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header(headers, 'authorization') ?? '');
	const grant = match ? tokens.lookup(match[1], now) : undefined;
	if (!grant) throw new GhlApiError(401, INVALID_TOKEN);
	return grant;
}

/** The agency's own routes: those the spec reserves for Agency-Access-Only tokens. */
export function isAgencyRoute(op: SpecOperation): boolean {
	return (op.security ?? []).some((scopes) => scopes.some((scope) => scope.startsWith('oauth.')));
}

/** Step 1b: the token's class fits the route: agency tokens on agency routes only. */
export function checkTokenClass(op: SpecOperation, grant: TokenGrant): void {
	if (isAgencyRoute(op) !== (grant.userType === 'Company')) {
		throw new GhlApiError(401, AUTH_CLASS_DENIED);
	}
}

/**
 * Step 2: the `Version` header the operation declares. GHL's answer to a missing or wrong one is
 * undocumented; the sandbox answers 400 naming the header and the value it expects.
 */
export function checkVersion(op: SpecOperation, headers: Headers): void {
	const accepted = versionsOf(op);
	if (accepted.length === 0) return;
	const sent = header(headers, 'version');
	if (sent !== undefined && accepted.includes(sent)) return;
	const expected = accepted.map((v) => `"${v}"`).join(' or ');
	throw new GhlApiError(
		400,
		sent === undefined
			? `Missing header: Version (expected ${expected})`
			: `Invalid header: Version "${sent}" is not supported here (expected ${expected})`,
	);
}

/**
 * Step 3: the scopes the operation declares; any one alternative of the spec's `security` list
 * suffices. Scopes are independent: `contacts.write` does not grant `contacts.readonly`.
 */
export function checkScope(op: SpecOperation, grant: TokenGrant): void {
	const alternatives = op.security ?? [UNDECLARED_SCOPES[op.operationId] ?? []];
	const granted = new Set(grant.scopes);
	if (alternatives.some((needed) => needed.every((scope) => granted.has(scope)))) return;
	throw new GhlApiError(401, SCOPE_DENIED);
}

function locationIdsIn(value: unknown): unknown[] {
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

/** Step 4: a `locationId` named in the path, the query or the body must be the token's. */
export function checkLocation(
	grant: TokenGrant,
	params: Record<string, string>,
	query: Record<string, string | string[]>,
	body: unknown,
): void {
	const bodyLocation =
		typeof body === 'object' && body !== null && !Array.isArray(body)
			? (body as Record<string, unknown>).locationId
			: undefined;
	const named = [params.locationId, query.locationId, bodyLocation].flatMap(locationIdsIn);
	// An empty or non-string locationId is a validation problem (422), not another location.
	const foreign = named.some(
		(id) => typeof id === 'string' && id !== '' && id !== grant.locationId,
	);
	if (foreign) throw new GhlApiError(403, LOCATION_DENIED);
}
