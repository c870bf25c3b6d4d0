import { NodeOperationError } from 'n8n-workflow';

import {
	CREDENTIAL_TYPE,
	credentialConnection,
	scopeSet,
	type GhlConnection,
	type GhlContext,
	type LocationTokenSource,
} from './connection';
import { checkPathSegment } from './paths';
import { ReadCache } from './readCache';
import { ghlApiRequest } from './request';

/** The node parameter that names the sub-account an agency connection acts for. */
export const SUB_ACCOUNT_PARAMETER = 'subAccount';

interface HeldToken {
	accessToken: string;
	/** What no error may repeat: the token, and a refresh token when GHL sent one too. */
	secrets: string[];
	scopes?: ReadonlySet<string>;
	/** Epoch ms after which the token is not used any more (a margin before GHL's expiry). */
	usableUntil: number;
}

/**
 * Location tokens obtained for agency connections, in this process's memory only (never in
 * static data, workflow data or output): reused while valid, so that an execution over many items
 * of a sub-account, and the next execution, exchange once. Bounded: past the cap the entries that
 * expire first go.
 */
const held = new Map<string, HeldToken>();
const exchanging = new Map<string, Promise<HeldToken>>();
const MAX_HELD = 1_000;
/** A token is dropped this long before GHL says it expires, so no request is sent with it late. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
/** When GHL's answer gives no usable lifetime: short, as a wrong guess costs one extra exchange. */
const FALLBACK_LIFETIME_MS = 10 * 60_000;
/** GHL's tokens last a day; a longer lifetime in an answer is not believed. */
const MAX_LIFETIME_MS = 24 * 60 * 60_000;

function hold(key: string, token: HeldToken, now: number): void {
	for (const [other, entry] of held) if (entry.usableUntil <= now) held.delete(other);
	while (held.size >= MAX_HELD) {
		let soonest: string | undefined;
		for (const [other, entry] of held) {
			if (soonest === undefined || entry.usableUntil < held.get(soonest)!.usableUntil) {
				soonest = other;
			}
		}
		held.delete(soonest!);
	}
	held.set(key, token);
}

interface LocationTokenAnswer {
	access_token?: unknown;
	refresh_token?: unknown;
	expires_in?: unknown;
	scope?: unknown;
	locationId?: unknown;
}

/** `POST /oauth/locationToken` with the agency's token: the sub-account's own token. */
async function exchange(
	ctx: GhlContext,
	agency: GhlConnection,
	locationId: string,
	itemIndex: number | undefined,
): Promise<HeldToken> {
	const requestedAt = Date.now();
	let answer: LocationTokenAnswer;
	try {
		answer = (await ghlApiRequest.call(ctx, agency, {
			operationId: 'get-location-access-token',
			label: `Get the token of sub-account ${locationId}`,
			body: { companyId: agency.agency!.companyId, locationId },
			itemIndex,
			uncached: true,
		})) as LocationTokenAnswer;
	} catch (error) {
		const failure = error as Error & { description?: string | null };
		failure.description = [
			failure.description,
			`The credential is an agency connection: it acts for a sub-account through a token GHL issues for it. Check that the Marketplace app is installed in sub-account ${locationId} and that the credential's Scope includes oauth.write.`,
		]
			.filter(Boolean)
			.join(' ');
		throw failure;
	}
	const accessToken = answer.access_token;
	if (typeof accessToken !== 'string' || accessToken === '' || answer.locationId !== locationId) {
		throw new NodeOperationError(
			ctx.getNode(),
			`GHL answered the token request for sub-account ${locationId} without a token for it`,
			{ description: 'Try again later; if it persists, reconnect the credential.', itemIndex },
		);
	}
	const lifetimeSec = Number(answer.expires_in);
	const lifetimeMs =
		Number.isFinite(lifetimeSec) && lifetimeSec * 1000 > EXPIRY_MARGIN_MS * 2
			? lifetimeSec * 1000 - EXPIRY_MARGIN_MS
			: FALLBACK_LIFETIME_MS;
	// The spec's answer has no refresh token, but one sent anyway is a secret all the same.
	const refreshToken = typeof answer.refresh_token === 'string' ? answer.refresh_token : '';
	return {
		accessToken,
		secrets: [accessToken, refreshToken].filter((secret) => secret !== ''),
		scopes: typeof answer.scope === 'string' ? scopeSet(answer.scope) : undefined,
		usableUntil: requestedAt + Math.min(lifetimeMs, MAX_LIFETIME_MS),
	};
}

/** The held token of a sub-account, or a new one (one exchange at a time per sub-account). */
async function tokenOf(
	ctx: GhlContext,
	agency: GhlConnection,
	locationId: string,
	itemIndex: number | undefined,
): Promise<HeldToken> {
	const key = `${agency.credentialId}:${agency.agency!.companyId}:${locationId}`;
	const current = held.get(key);
	if (current && current.usableUntil > Date.now()) return current;
	let pending = exchanging.get(key);
	if (!pending) {
		pending = exchange(ctx, agency, locationId, itemIndex).then((token) => {
			hold(key, token, Date.now());
			return token;
		});
		exchanging.set(key, pending);
		void pending.finally(() => exchanging.delete(key)).catch(() => undefined);
	}
	return await pending;
}

/**
 * The secrets of every sub-account token held for the credential: a GHL answering for one
 * sub-account knows the others' tokens too, so an error of any of them may repeat none.
 */
function heldSecretsOf(agency: GhlConnection): string[] {
	const prefix = `${agency.credentialId}:${agency.agency!.companyId}:`;
	return [...held].flatMap(([key, token]) => (key.startsWith(prefix) ? token.secrets : []));
}

/** Drops a token GHL refused, unless another request has already replaced it. */
function dropRefused(agency: GhlConnection, locationId: string, accessToken: string): void {
	const key = `${agency.credentialId}:${agency.agency!.companyId}:${locationId}`;
	if (held.get(key)?.accessToken === accessToken) held.delete(key);
}

/**
 * The connection that acts for one sub-account through an agency connection: its own rate
 * budget, its own read cache, the location token's scopes, and the token among its secrets.
 */
async function subAccountConnection(
	ctx: GhlContext,
	agency: GhlConnection,
	locationId: string,
	itemIndex: number | undefined,
): Promise<GhlConnection> {
	const first = await tokenOf(ctx, agency, locationId, itemIndex);
	const connection: GhlConnection = {
		...agency,
		agency: undefined,
		locationId,
		grantedScopes: first.scopes,
		secrets: [...agency.secrets, ...first.secrets],
		budgetKey: `${agency.credentialId}:${locationId}`,
		reads: agency.reads && new ReadCache(),
		requestsSent: undefined,
		oauthRefresh: undefined,
	};
	const source: LocationTokenSource = {
		async current() {
			const token = await tokenOf(ctx, agency, locationId, itemIndex);
			connection.secrets = [
				...new Set([...connection.secrets, ...token.secrets, ...heldSecretsOf(agency)]),
			];
			return token.accessToken;
		},
		refused(accessToken) {
			dropRefused(agency, locationId, accessToken);
		},
	};
	connection.locationToken = source;
	return connection;
}

/** The Sub-Account field's ID, from either of its modes (a list pick or an ID holds the ID). */
function subAccountOf(ctx: GhlContext, itemIndex: number): string {
	const value: unknown =
		'getInputData' in ctx
			? ctx.getNodeParameter(SUB_ACCOUNT_PARAMETER, itemIndex, '')
			: 'getCurrentNodeParameter' in ctx
				? ctx.getCurrentNodeParameter(SUB_ACCOUNT_PARAMETER)
				: ctx.getNodeParameter(SUB_ACCOUNT_PARAMETER, '');
	const id =
		value !== null && typeof value === 'object' ? (value as { value?: unknown }).value : value;
	return typeof id === 'string' ? id : '';
}

/**
 * The connection each item acts through: the credential's own, or for an agency connection the
 * item's sub-account (the Sub-Account field, unless `subAccountFor` says otherwise). Each
 * sub-account is resolved once per call of this factory.
 */
export function connectionsPerItem(
	ctx: GhlContext,
	subAccountFor: (itemIndex: number) => string = (itemIndex) => subAccountOf(ctx, itemIndex),
): (itemIndex: number) => Promise<GhlConnection> {
	let base: Promise<GhlConnection> | undefined;
	const bySubAccount = new Map<string, Promise<GhlConnection>>();
	return async (itemIndex) => {
		base ??= credentialConnection(ctx);
		const credential = await base;
		// Only OAuth2 has the field: a Private Integration Token is one sub-account's.
		const chosen =
			credential.credentialType === CREDENTIAL_TYPE.oAuth2 ? subAccountFor(itemIndex).trim() : '';
		const fail = (message: string, description: string) =>
			new NodeOperationError(ctx.getNode(), message, { description, itemIndex });
		if (!credential.agency) {
			if (chosen && credential.locationId && chosen !== credential.locationId) {
				throw fail(
					`Sub-Account ${chosen} is not the sub-account this credential is connected to (${credential.locationId})`,
					'Clear the Sub-Account field, or reconnect the OAuth2 credential choosing the agency in GHL so that it can act for every sub-account.',
				);
			}
			return credential;
		}
		if (!chosen) {
			throw fail(
				'Sub-Account is empty: choose the sub-account to act for',
				`The credential is an agency connection (company ${credential.agency.companyId}): each item needs a sub-account, from the list, by ID, or mapped from an expression.`,
			);
		}
		let locationId: string;
		try {
			locationId = checkPathSegment('Sub-Account', chosen);
		} catch (error) {
			throw fail((error as Error).message, 'Enter the bare sub-account (location) ID.');
		}
		let connection = bySubAccount.get(locationId);
		if (!connection) {
			connection = subAccountConnection(ctx, credential, locationId, itemIndex);
			bySubAccount.set(locationId, connection);
			// A failed exchange is that item's error; the next item of the sub-account tries again.
			connection.catch(() => bySubAccount.delete(locationId));
		}
		return await connection;
	};
}

/** The connection for a node's one sub-account (triggers, pickers) or its first item's. */
export async function resolveConnection(ctx: GhlContext): Promise<GhlConnection> {
	return await connectionsPerItem(ctx)(0);
}
