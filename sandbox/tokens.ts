import { randomBytes } from 'node:crypto';

import {
	COMPANY_ID,
	CONTACT_SCOPES,
	EXTRA_SCOPES,
	MAIN_LOCATION_ID,
	OTHER_LOCATION_ID,
	OWNER_USER_ID,
	PIT_OTHER_LOCATION,
	PIT_READ_ONLY,
	PIT_READ_WRITE,
} from './identities';
import type { SandboxCredentials, TokenGrant } from './types';

/** The Private Integration Tokens configured at start. */
function initialPits(): TokenGrant[] {
	const pit = (token: string, locationId: string, scopes: string[]): TokenGrant => ({
		token,
		kind: 'pit',
		locationId,
		companyId: COMPANY_ID,
		userId: OWNER_USER_ID,
		scopes,
	});
	return [
		pit(PIT_READ_WRITE, MAIN_LOCATION_ID, [...CONTACT_SCOPES, ...EXTRA_SCOPES]),
		pit(PIT_READ_ONLY, MAIN_LOCATION_ID, ['contacts.readonly']),
		pit(PIT_OTHER_LOCATION, OTHER_LOCATION_ID, [...CONTACT_SCOPES]),
	];
}

export const INITIAL_TOKENS: SandboxCredentials['tokens'] = {
	readWrite: PIT_READ_WRITE,
	readOnly: PIT_READ_ONLY,
	otherLocation: PIT_OTHER_LOCATION,
};

/** A fresh unguessable token with a recognisable prefix. */
export function newToken(prefix: string): string {
	return `${prefix}-${randomBytes(24).toString('base64url')}`;
}

/** Every bearer token the sandbox accepts: PITs and OAuth access tokens. */
export class TokenStore {
	private grants = new Map<string, TokenGrant>();

	constructor() {
		this.reset();
	}

	reset(): void {
		this.grants = new Map(initialPits().map((g) => [g.token, g]));
	}

	/** The grant of a live token; undefined when unknown, revoked or expired. */
	lookup(token: string, now: number): TokenGrant | undefined {
		const grant = this.grants.get(token);
		if (!grant || (grant.expiresAt !== undefined && grant.expiresAt <= now)) return undefined;
		return grant;
	}

	add(grant: TokenGrant): void {
		this.grants.set(grant.token, grant);
	}

	/** A new PIT (the way an admin creates one in Settings → Private Integrations). */
	createPit(scopes: string[], locationId: string): TokenGrant {
		const grant: TokenGrant = {
			token: newToken('pit-sbx'),
			kind: 'pit',
			locationId,
			companyId: COMPANY_ID,
			userId: OWNER_USER_ID,
			scopes,
		};
		this.add(grant);
		return grant;
	}

	revoke(token: string): boolean {
		return this.grants.delete(token);
	}

	/** The grant of a token the sandbox issued, live or not (for the request log). */
	peek(token: string): TokenGrant | undefined {
		return this.grants.get(token);
	}

	/** Expires, as of `now`, every live token `matches` picks; how many. */
	expireWhere(matches: (grant: TokenGrant) => boolean, now: number): number {
		let expired = 0;
		for (const grant of this.grants.values()) {
			if (!matches(grant) || (grant.expiresAt !== undefined && grant.expiresAt <= now)) continue;
			grant.expiresAt = now;
			expired++;
		}
		return expired;
	}

	/** Makes a token expired as of `now`; false when unknown. */
	expire(token: string, now: number): boolean {
		const grant = this.grants.get(token);
		if (!grant) return false;
		grant.expiresAt = now;
		return true;
	}
}
