import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
} from 'n8n-workflow';
import * as n8nWorkflow from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { GHL_API_VERSION } from '../../../credentials/ghlService';
import {
	CREDENTIAL_TYPE,
	mayUse,
	secretsOf,
	type GhlConnection,
	type GhlContext,
} from './connection';
import { ENDPOINTS, type Endpoint, type OperationId } from './endpoints';
import { asNodeError, missingScopeError, oauthRefreshError, redact, toApiError } from './errors';
import { readFailure, type AttemptFailure } from './failure';
import { buildPath, PathParameterError } from './paths';
import {
	DailyLimitReachedError,
	parseRateLimitHeaders,
	parseRetryAfter,
	RateLimitPacer,
	type Reservation,
	type Ticket,
} from './rateLimit';
import { isWrite, scopeOf } from './readCache';
import { DEFAULT_RETRY_POLICY, retryDelay, type RetryPolicy } from './retry';

export interface GhlRequest {
	operationId: OperationId;
	/** What the user calls this operation, for errors ("Create Task"). */
	label: string;
	pathParams?: Record<string, string>;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/**
	 * A page of a paged listing: sent every time, never kept in the execution's read cache, which
	 * would otherwise hold a second copy of the whole listing until the execution ends.
	 */
	uncached?: boolean;
}

/** Time, waiting and chance, injectable so tests can drive backoff without real waits. */
export interface TransportClock {
	now(): number;
	sleep(ms: number): Promise<void>;
	/** Resolves after `ms`, unless `signal` aborts first: then it rejects. */
	timer(ms: number, signal: AbortSignal): Promise<void>;
	random(): number;
}

/**
 * An installed node gets n8n's own n8n-workflow: 1.x's has `sleepWithAbort`, which releases the
 * timer on abort; 2.x's (2.41) has only `sleep`, whose timer then runs out unobserved.
 */
const hostSleepWithAbort = (n8nWorkflow as { sleepWithAbort?: TransportClock['timer'] })
	.sleepWithAbort;

function abortableTimer(ms: number, signal: AbortSignal): Promise<void> {
	if (typeof hostSleepWithAbort === 'function') return hostSleepWithAbort(ms, signal);
	return sleep(ms).then(() => {
		if (signal.aborted) throw new Error('aborted');
	});
}

export const systemClock: TransportClock = {
	now: () => Date.now(),
	sleep,
	timer: abortableTimer,
	random: Math.random,
};

/**
 * One pacer per process: every execution (and both nodes) that uses the same credential and
 * location shares the budget the server reports.
 */
const pacer = new RateLimitPacer();

/** GHL's daily request budget for the connection, as its last answer reported it. */
export function reportedDailyLimit(connection: GhlConnection): number | undefined {
	const limit = pacer.last(connection.budgetKey)?.dailyLimit;
	return limit !== undefined && Number.isFinite(limit) ? limit : undefined;
}

export interface TransportSettings {
	clock: TransportClock;
	retry: RetryPolicy;
	pacer: RateLimitPacer;
}

const defaultSettings: TransportSettings = {
	clock: systemClock,
	retry: DEFAULT_RETRY_POLICY,
	pacer,
};

/**
 * The one way the nodes talk to GHL: checks the scope before anything is sent, fills and
 * encodes the path, paces to the server's rate-limit headers, retries only what is safe to
 * retry, and turns failures into errors that name the operation and the fix.
 */
export async function ghlApiRequest<T = IDataObject>(
	this: GhlContext,
	connection: GhlConnection,
	request: GhlRequest,
	settings: TransportSettings = defaultSettings,
): Promise<T> {
	const endpoint: Endpoint = ENDPOINTS[request.operationId];
	const node = this.getNode();
	if (!mayUse(connection, endpoint.scope)) {
		throw missingScopeError(node, {
			operation: request.label,
			scope: endpoint.scope,
			credentialType: connection.credentialType,
			itemIndex: request.itemIndex,
		});
	}
	let path: string;
	try {
		path = buildPath(endpoint.path, request.pathParams ?? {});
	} catch (error) {
		throw new NodeOperationError(
			node,
			`${request.label}: ${(error as PathParameterError).message}`,
			{
				itemIndex: request.itemIndex,
			},
		);
	}
	const body = bodyOf(endpoint, request.body);
	const options: IHttpRequestOptions = {
		method: endpoint.method as IHttpRequestMethods,
		url: `${connection.baseUrl}${path}`,
		headers: {
			Version: GHL_API_VERSION,
			Accept: 'application/json',
			// A body given as text is JSON, or a form where the spec says so; axios would label
			// any text as a form.
			...(typeof body === 'string'
				? {
						'Content-Type': endpoint.form
							? 'application/x-www-form-urlencoded'
							: 'application/json',
					}
				: {}),
		},
		qs: request.qs,
		body,
		json: true,
		returnFullResponse: true,
		// n8n's timeout is the socket's idle timer; the deadline below bounds the whole answer.
		timeout: settings.retry.deadlineMs,
		// A redirect is answered as is, never followed: n8n would send the credential along, to
		// any host, and replay a write there (307, 308).
		disableFollowRedirect: true,
	};

	// The sub-account token the last attempt carried (agency connections), to drop if refused.
	let locationToken: string | undefined;
	const send = async () => {
		try {
			locationToken = await connection.locationToken?.current();
		} catch (error) {
			const failure = asNodeError(node, error);
			subAccountTokenFailures.add(failure);
			throw failure;
		}
		return await withDeadline(settings, attemptDeadlineMs(connection, settings), async (signal) => {
			if (connection.requestsSent !== undefined) connection.requestsSent += 1;
			const attempt: IHttpRequestOptions = {
				...options,
				// A copy per attempt: n8n signs it, and a shared object would carry the last token.
				headers: { ...options.headers },
				// Error statuses come back as responses, so their rate-limit headers and
				// Retry-After stay readable (n8n's error wrapper keeps only the body); this also
				// keeps n8n from refreshing an OAuth token on its own (see afterOAuthRefresh).
				ignoreHttpStatusErrors: true,
				// Closes the connection at the deadline where n8n honours it (it replaces a
				// node execution's signal with the execution's own cancel signal).
				abortSignal: signal,
			};
			if (locationToken === undefined) {
				return (await this.helpers.httpRequestWithAuthentication.call(
					this,
					connection.credentialType,
					attempt,
				)) as FullResponse<T>;
			}
			attempt.headers!.Authorization = `Bearer ${locationToken}`;
			return (await this.helpers.httpRequest(attempt)) as FullResponse<T>;
		});
	};
	const refuseLocationToken = () => {
		if (locationToken !== undefined) connection.locationToken?.refused(locationToken);
	};
	// After n8n refreshed an OAuth token, the new tokens are secrets too.
	const learnSecrets = async () => {
		const fresh = secretsOf(await this.getCredentials(connection.credentialType));
		connection.secrets = [...new Set([...connection.secrets, ...fresh])];
	};
	const oauth: OAuthStore = {
		refresh: async () => {
			await this.helpers.refreshOAuth2Token.call(this, connection.credentialType);
		},
		storedAccessToken: async () =>
			accessTokenOf(await this.getCredentials(connection.credentialType)),
	};
	const attempts = async () =>
		await sendWithRetries(
			node,
			connection,
			request,
			{ send, learnSecrets, oauth, refuseLocationToken },
			settings,
		);

	const { reads } = connection;
	if (!reads || request.uncached) return await attempts();
	const scope = scopeOf(endpoint, request.pathParams ?? {});
	if (endpoint.method === 'GET') {
		return await reads.read(`${options.url}?${canonicalQuery(request.qs)}`, scope, attempts);
	}
	if (!isWrite(request.operationId, endpoint)) return await attempts();
	// Before: no read starts from what is about to change; after: none read during the write stays.
	reads.invalidate(scope);
	try {
		return await attempts();
	} finally {
		reads.invalidate(scope);
	}
}

/** What is left of the connection's own deadline (a poll's), in ms. */
function timeLeft(connection: GhlConnection, { clock }: TransportSettings): number {
	return connection.deadlineAt === undefined
		? Number.POSITIVE_INFINITY
		: connection.deadlineAt - clock.now();
}

/** An attempt's deadline: the policy's, or less when the connection's own deadline is nearer. */
function attemptDeadlineMs(connection: GhlConnection, settings: TransportSettings): number {
	return Math.max(0, Math.min(settings.retry.deadlineMs, timeLeft(connection, settings)));
}

/**
 * Runs one HTTP exchange against the attempt deadline: past it the attempt fails as a timeout
 * (ETIMEDOUT: retried only where a resend is safe), however slowly the server keeps sending.
 */
async function withDeadline<T>(
	{ clock }: TransportSettings,
	deadlineMs: number,
	exchange: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
	const finished = new AbortController();
	const expired = clock.timer(deadlineMs, finished.signal).then(() => {
		finished.abort();
		throw Object.assign(
			new Error(`GHL did not send its whole answer within ${Math.ceil(deadlineMs / 1000)} s`),
			{ code: 'ETIMEDOUT' },
		);
	});
	try {
		return await Promise.race([exchange(finished.signal), expired]);
	} finally {
		// Releases the deadline's timer once the exchange is over.
		finished.abort();
	}
}

/**
 * The body to send. n8n drops an empty object, so a body the spec requires but that has no
 * fields (adding a contact to a campaign or workflow) goes as the JSON text `{}`, which a strict
 * server expects.
 */
function bodyOf(
	endpoint: Endpoint,
	body: IDataObject | undefined,
): IDataObject | string | undefined {
	if (endpoint.form) {
		// As text: n8n 1.x and 2.x turn a form object into text differently.
		const fields = Object.entries(body ?? {}).map(([name, value]): [string, string] => [
			name,
			String(value),
		]);
		return new URLSearchParams(fields).toString();
	}
	if (!endpoint.bodyRequired || (body && Object.keys(body).length > 0)) return body;
	return '{}';
}

function canonicalQuery(qs: IDataObject | undefined): string {
	if (!qs) return '';
	return JSON.stringify(
		Object.keys(qs)
			.sort()
			.map((key) => [key, qs[key]]),
	);
}

async function sendWithRetries<T>(
	node: INode,
	connection: GhlConnection,
	request: GhlRequest,
	{
		send,
		learnSecrets,
		oauth,
		refuseLocationToken,
	}: {
		send: () => Promise<FullResponse<T>>;
		learnSecrets: () => Promise<void>;
		oauth: OAuthStore;
		refuseLocationToken: () => void;
	},
	settings: TransportSettings,
): Promise<T> {
	const endpoint = ENDPOINTS[request.operationId];
	const { clock, pacer } = settings;
	let refreshTried = false;
	let refreshFailure: Error | undefined;
	let waited = 0;
	// A DELETE whose attempt failed in a way that may have come after the deletion (5xx, no answer).
	let mayHaveDeleted = false;
	for (let attempt = 0; ; attempt++) {
		const ticket = await waitForBudget(node, connection, request, settings, waited);
		let failure: AttemptFailure;
		let response: FullResponse<T> | undefined;
		try {
			response = await send();
			if (
				response.statusCode === 401 &&
				connection.locationToken &&
				!isScopeRefusal(response.body) &&
				!refreshTried
			) {
				// A sub-account token expired or was revoked: a new one from the agency token.
				refreshTried = true;
				refuseLocationToken();
				response = await send();
			} else if (
				response.statusCode === 401 &&
				needsOAuthRefresh(connection, response.body) &&
				!refreshTried
			) {
				refreshTried = true;
				try {
					const refreshed = await afterOAuthRefresh(connection, send, oauth, settings);
					if ('refreshFailed' in refreshed) refreshFailure = refreshed.refreshFailed;
					else response = refreshed;
				} finally {
					// Also when the resend failed: its error may repeat the new tokens.
					await learnSecrets();
				}
			}
			failure = { status: response.statusCode, headers: response.headers, body: response.body };
		} catch (error) {
			// Getting the sub-account's token failed: that request's own error says why.
			if (subAccountTokenFailures.has(error as object)) throw asNodeError(node, error);
			failure = readFailure(error);
		}
		if (response && response.statusCode < 400) {
			pacer.observe(
				connection.budgetKey,
				ticket,
				reportOf(response.headers, undefined, clock.now(), settings.retry),
			);
			if (response.statusCode >= 300) throw redirectError(node, connection, request, response);
			return answerOf(node, request, response);
		}
		if (mayHaveDeleted && isNotFound(failure)) {
			// The attempt that failed did delete it: "already gone" is what the user asked for.
			return {} as T;
		}
		if (endpoint.method === 'DELETE' && (failure.status === undefined || failure.status >= 500)) {
			mayHaveDeleted = true;
		}
		const retryAfterMs = parseRetryAfter(failure.headers, clock.now());
		const report = reportOf(failure.headers, retryAfterMs, clock.now(), settings.retry);
		pacer.observe(connection.budgetKey, ticket, report);
		if (refreshFailure) {
			throw oauthRefreshError(node, refreshFailure, {
				operation: request.label,
				itemIndex: request.itemIndex,
				secrets: connection.secrets,
			});
		}
		if (failure.status === 429 && report && report.dailyRemaining <= 0) {
			throw dailyLimitError(node, new DailyLimitReachedError(report), request);
		}
		const delay = retryDelay(
			endpoint.method,
			failure.status !== undefined
				? {
						kind: 'status',
						status: failure.status,
						retryAfterMs,
						windowWaitMs: report && report.remaining <= 0 ? report.windowMs : undefined,
					}
				: { kind: 'network', code: failure.code ?? 'UNKNOWN' },
			attempt,
			clock.random,
			settings.retry,
		);
		const error = toApiError(node, failure, {
			operation: request.label,
			itemIndex: request.itemIndex,
			secrets: connection.secrets,
		});
		if (delay === undefined) throw error;
		if (delay > settings.retry.maxWaitMs) {
			// Still the server's own answer, with its status and Retry-After, for n8n's poll backoff.
			error.message = waitTooLongMessage(request, delay, settings.retry, 'again');
			error.description = WAIT_TOO_LONG_HINT;
			throw error;
		}
		// Past the connection's deadline, the failure met is the answer.
		if (delay >= timeLeft(connection, settings)) throw error;
		await clock.sleep(delay);
		waited = delay;
	}
}

/** GHL's "no such record": a 404, or the 400 with "not found" several of its routes answer. */
function isNotFound(failure: AttemptFailure): boolean {
	if (failure.status === 404) return true;
	const message = (failure.body as { message?: unknown } | undefined)?.message;
	return failure.status === 400 && /not found/i.test(String(message ?? ''));
}

/**
 * The body of a 2xx, which must be a JSON object (a 204 stands for an empty one): an empty,
 * invalid or other answer fails the request with its own error, saying a write may have been
 * made, instead of leaving the operation to stumble over it.
 */
function answerOf<T>(node: INode, request: GhlRequest, response: FullResponse<T>): T {
	const { body, statusCode } = response;
	if (body !== null && typeof body === 'object' && !Array.isArray(body)) return body;
	if (statusCode === 204) return {} as T;
	const what =
		body === undefined || body === null || body === ''
			? 'an empty body'
			: typeof body === 'string'
				? 'a body that is not JSON'
				: 'JSON that is not an object';
	const write = isWrite(request.operationId, ENDPOINTS[request.operationId]);
	throw new NodeOperationError(
		node,
		`${request.label}: GHL answered ${statusCode} with ${what} instead of the record${write ? '; the change may have been made' : ''}`,
		{
			description: write
				? 'Check in GHL whether the change was made before running this item again.'
				: 'GHL, or a proxy in front of it, sent an answer the node cannot read. Try again later.',
			itemIndex: request.itemIndex,
		},
	);
}

/**
 * A response's rate-limit report, with the time the spent budget comes back (Retry-After, else
 * the window's end) held to the wait ceiling: absurd headers (an interval of ten years,
 * Infinity) hold the credential for the ceiling at most, and then a request probes again.
 */
function reportOf(
	headers: Record<string, unknown> | undefined,
	retryAfterMs: number | undefined,
	now: number,
	policy: RetryPolicy,
) {
	const report = parseRateLimitHeaders(headers, now);
	if (report) report.resumeAt = now + Math.min(retryAfterMs ?? report.windowMs, policy.maxWaitMs);
	return report;
}

/** A wait beyond the ceiling, before sending (`first`) or before sending `again` after a 429 or 503. */
function waitTooLongMessage(
	request: GhlRequest,
	waitMs: number,
	policy: RetryPolicy,
	send: 'first' | 'again',
): string {
	const asked = Number.isFinite(waitMs) ? `${Math.ceil(waitMs / 1000)} s` : 'forever';
	const outcome =
		send === 'first'
			? `was not sent: GHL's rate-limit headers ask to wait ${asked}`
			: `failed: GHL's rate-limit headers ask to wait ${asked} before sending it again`;
	return `${request.label} ${outcome}, longer than the node waits (${policy.maxWaitMs / 1000} s)`;
}

const WAIT_TOO_LONG_HINT =
	'GHL (or a proxy in front of it) sent a Retry-After or X-RateLimit-Interval-Milliseconds far beyond its usual 10 s window. Try again later.';

/**
 * A redirect, same origin or not, fails the request: GHL's API does not redirect, so one means
 * the API Base URL points at something else, and following it would send the credential and
 * replay the request where the user never configured either.
 */
function redirectError<T>(
	node: INode,
	connection: GhlConnection,
	request: GhlRequest,
	response: FullResponse<T>,
): NodeOperationError {
	const location = String(response.headers.location ?? '');
	let target = 'an address it did not name';
	try {
		const url = new URL(location, connection.baseUrl);
		target = `${url.origin}${url.pathname}`;
	} catch {
		// An unparsable Location is named as unparsable below.
		if (location) target = 'an address that is not a URL';
	}
	return new NodeOperationError(
		node,
		redact(
			`${request.label} failed: GHL answered ${response.statusCode}, a redirect to ${target}, which the node does not follow (it sends the credential to the API Base URL only)`,
			connection.secrets,
		),
		{
			description:
				"Set the credential's API Base URL to the address GHL's API answers at (https://services.leadconnectorhq.com, or your proxy).",
			itemIndex: request.itemIndex,
		},
	);
}

/** Errors of sub-account token requests: they pass an attempt's own failure handling as they are. */
const subAccountTokenFailures = new WeakSet<object>();

interface FullResponse<T> {
	body: T;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** What the transport asks of n8n for an OAuth2 credential. */
interface OAuthStore {
	/** n8n refreshes the token with the stored refresh token and stores the new tokens. */
	refresh(): Promise<void>;
	/** The access token as stored now: n8n's database, which every queue-mode process shares. */
	storedAccessToken(): Promise<string | undefined>;
}

function accessTokenOf(credentials: ICredentialDataDecryptedObject): string | undefined {
	const token = (credentials.oauthTokenData as { access_token?: unknown } | undefined)
		?.access_token;
	return typeof token === 'string' ? token : undefined;
}

/**
 * After GHL refused a refresh, how long to look for the tokens of the process that spent the
 * refresh token first: GHL answered it before refusing this one, and it stores them a database
 * write later (3.1 s in all, then the refresh token counts as dead).
 */
const STORED_TOKEN_WAITS_MS = [0, 100, 200, 400, 800, 1_600];

/**
 * The request again once the token is fresh. n8n signs each request with the credential as stored
 * at that moment, so the resend first finds out whether another process (a queue-mode worker)
 * has already stored new tokens; only if that still gets a 401 does n8n refresh. One refresh per
 * execution: the items in parallel wait for it (a second one would spend the rotated refresh
 * token). A refused refresh is what another process's earlier refresh looks like: its tokens,
 * once stored, serve this request too; if none arrive, the refresh failed.
 */
async function afterOAuthRefresh<T>(
	connection: GhlConnection,
	send: () => Promise<FullResponse<T>>,
	oauth: OAuthStore,
	settings: TransportSettings,
): Promise<FullResponse<T> | { refreshFailed: Error }> {
	if (connection.oauthRefresh) {
		await connection.oauthRefresh.catch(() => undefined);
		return await send();
	}
	const refreshing = (async () => {
		const resent = await send();
		if (resent.statusCode !== 401 || !needsOAuthRefresh(connection, resent.body)) return resent;
		const failed = await refreshOrAdopt(connection, oauth, settings);
		return failed ? { refreshFailed: failed } : await send();
	})();
	connection.oauthRefresh = refreshing;
	try {
		return await refreshing;
	} finally {
		connection.oauthRefresh = undefined;
	}
}

/** Refreshes, or adopts the tokens another process stored; the refresh's error when neither. */
async function refreshOrAdopt(
	connection: GhlConnection,
	oauth: OAuthStore,
	settings: TransportSettings,
): Promise<Error | undefined> {
	const before = await oauth.storedAccessToken();
	let refreshError: Error;
	try {
		await oauth.refresh();
		return undefined;
	} catch (error) {
		refreshError = error as Error;
	}
	for (const waitMs of STORED_TOKEN_WAITS_MS) {
		// A poll's own deadline comes first.
		if (waitMs >= timeLeft(connection, settings)) break;
		if (waitMs > 0) await settings.clock.sleep(waitMs);
		// Never a second refresh: GHL would refuse a dead refresh token again, and a new one is
		// better spent by whoever needs it next than rotated here for nothing.
		if ((await oauth.storedAccessToken()) !== before) return undefined;
	}
	return refreshError;
}

/** A 401 for a missing scope (or the wrong kind of token), which no new token fixes. */
function isScopeRefusal(body: unknown): boolean {
	const message = (body as { message?: unknown } | undefined)?.message;
	return /scope/i.test(String(message ?? ''));
}

/** An expired or revoked OAuth token of the credential itself (not a sub-account's). */
function needsOAuthRefresh(connection: GhlConnection, body: unknown): boolean {
	return (
		connection.credentialType === CREDENTIAL_TYPE.oAuth2 &&
		!connection.locationToken &&
		!isScopeRefusal(body)
	);
}

/** Waits until the pacer lets the request go, within what is left of the attempt's wait ceiling. */
async function waitForBudget(
	node: INode,
	connection: GhlConnection,
	request: GhlRequest,
	settings: TransportSettings,
	alreadyWaited: number,
): Promise<Ticket> {
	const { clock, pacer, retry } = settings;
	let waited = alreadyWaited;
	for (;;) {
		let reservation: Reservation;
		try {
			reservation = pacer.reserve(connection.budgetKey, clock.now());
		} catch (error) {
			// The pacer throws only when the daily budget is spent.
			throw dailyLimitError(node, error as DailyLimitReachedError, request);
		}
		if (reservation.ticket) return reservation.ticket;
		if (waited + reservation.waitMs > retry.maxWaitMs) {
			throw new NodeOperationError(
				node,
				waitTooLongMessage(request, waited + reservation.waitMs, retry, 'first'),
				{ description: WAIT_TOO_LONG_HINT, itemIndex: request.itemIndex },
			);
		}
		if (reservation.waitMs >= timeLeft(connection, settings)) {
			throw new NodeOperationError(
				node,
				`${request.label} was not sent: GHL's rate limit asks to wait ${Math.ceil(reservation.waitMs / 1000)} s, past the end of this poll`,
				{ description: 'The next poll sends it.', itemIndex: request.itemIndex },
			);
		}
		await clock.sleep(reservation.waitMs);
		waited += reservation.waitMs;
	}
}

function dailyLimitError(
	node: INode,
	error: DailyLimitReachedError,
	request: GhlRequest,
): NodeOperationError {
	return new NodeOperationError(node, `${request.label} was not sent: ${error.message}`, {
		description:
			'GHL allows a fixed number of requests per location and day; wait for the reset or ask GHL for a higher limit.',
		itemIndex: request.itemIndex,
	});
}
