import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { readFailure, type AttemptFailure } from './failure';

const SECRET_PATTERNS: RegExp[] = [/Bearer(?:\s|%20)+[^\s"',&]+/gi, /\bpit-[A-Za-z0-9-]+/g];

/** Shorter values are not searched for: they would match ordinary text. */
const MIN_SECRET_LENGTH = 8;

/**
 * Tokens must never reach an item, a log or an error message: the credential's own secret
 * values (`secrets`: its token, access and refresh tokens, client secret), as sent and
 * URL-encoded, wherever they appear, and anything shaped like a token besides.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length < MIN_SECRET_LENGTH) continue;
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			result = result.split(form).join('<redacted>');
		}
	}
	return SECRET_PATTERNS.reduce(
		(result, pattern) =>
			result.replace(pattern, (match) =>
				match.startsWith('pit-') ? 'pit-<redacted>' : 'Bearer <redacted>',
			),
		result,
	);
}

function apiMessage(body: unknown): string | undefined {
	const message = (body as { message?: unknown } | undefined)?.message;
	if (Array.isArray(message)) return message.map(String).join('; ');
	return typeof message === 'string' ? message : undefined;
}

function hintFor(status: number | undefined, message: string, failure: AttemptFailure): string {
	if (status === 401 && /scope/i.test(message)) {
		return "The token lacks a scope this operation needs: add it to the Private Integration (or the OAuth app and the credential's Scope field), then reconnect.";
	}
	if (status === 401) {
		return 'The token is invalid, revoked or expired: paste a current Private Integration Token, or reconnect the OAuth2 credential.';
	}
	if (status === 403) {
		return 'The credential belongs to another location (sub-account) than this record or location ID: check the ID, or use a credential of that location.';
	}
	if (status === 400 && /not found/i.test(message)) {
		return 'Check the ID: no such record exists in this location (it may have been deleted).';
	}
	if (status === 422) return 'GHL rejected the fields listed above: correct them and run again.';
	if (status === 429)
		return "GHL's rate limit stayed exhausted after several retries: run fewer requests at once or try again later.";
	if (status !== undefined && status >= 500)
		return 'GHL had a server error; the request was retried where that was safe. Try again later.';
	if (failure.code === 'ETIMEDOUT')
		return 'Each attempt has a deadline for the whole answer; the request was retried where that was safe (a create is not: it may have been processed, so check before running it again).';
	if (status === undefined)
		return `The request did not complete (${failure.code}); it was retried where that was safe.`;
	return '';
}

/** The API's own words, its status, and what to do about it — with every secret removed. */
export function toApiError(
	node: INode,
	failure: AttemptFailure,
	context: { operation: string; itemIndex?: number; secrets: readonly string[] },
): NodeApiError {
	const raw =
		apiMessage(failure.body) ??
		(failure.status
			? `HTTP ${failure.status}`
			: // Not the code itself: n8n replaces a message naming ETIMEDOUT with its own, which
				// suggests Retry on Fail even for a create that may have been processed.
				failure.code === 'ETIMEDOUT'
				? 'GHL did not send its whole answer in time'
				: `Network error ${failure.code}`);
	const message = redact(`${context.operation} failed: ${raw}`, context.secrets);
	const description = redact(hintFor(failure.status, raw, failure), context.secrets);
	const errorBody: JsonObject = {
		message: raw,
		...(failure.status
			? { statusCode: failure.status }
			: { networkError: failure.code ?? 'UNKNOWN' }),
	};
	const redactedBody = JSON.parse(redact(JSON.stringify(errorBody), context.secrets)) as JsonObject;
	const error = new NodeApiError(node, redactedBody, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex: context.itemIndex,
	});
	// n8n's poll scheduler honours a Retry-After it finds on the error's response.
	const retryAfter = failure.headers?.['retry-after'];
	if (failure.status && typeof retryAfter === 'string') {
		Object.assign(error, {
			response: { status: failure.status, headers: { 'retry-after': retryAfter } },
		});
	}
	return error;
}

/**
 * The access token expired and n8n could not refresh it, nor did another n8n process store new
 * tokens meanwhile: the refresh token is spent or revoked. A 401, as the API's answer was, so
 * that n8n's poll backoff treats it as lasting.
 */
export function oauthRefreshError(
	node: INode,
	refreshError: Error,
	context: { operation: string; itemIndex?: number; secrets: readonly string[] },
): NodeApiError {
	// n8n's wrapper replaces the token endpoint's message with its own words for the status.
	const failure = readFailure(refreshError);
	const why =
		failure.status !== undefined
			? `GHL answered ${failure.status}`
			: failure.code !== 'UNKNOWN'
				? `no answer: ${failure.code}`
				: redact(String(refreshError.message ?? '').slice(0, 200), context.secrets);
	const message = `${context.operation} failed: the OAuth2 access token expired and could not be refreshed (${why})`;
	return new NodeApiError(
		node,
		{ message, statusCode: 401 },
		{
			message,
			description:
				"GHL's refresh tokens work once; this one was refused and no other n8n process stored newer tokens. Reconnect the OAuth2 credential.",
			httpCode: '401',
			itemIndex: context.itemIndex,
		},
	);
}

export function missingScopeError(
	node: INode,
	context: { operation: string; scope: string; credentialType: string; itemIndex?: number },
): NodeOperationError {
	const fix =
		context.credentialType === 'ghlApi'
			? `In GHL, edit the Private Integration to include ${context.scope}; then tick ${context.scope} under Scopes in the n8n credential.`
			: `Add ${context.scope} to the credential's Scope field (the Marketplace app must allow it), then reconnect the credential.`;
	return new NodeOperationError(
		node,
		`${context.operation} needs the scope ${context.scope}, which this credential does not have. No request was sent.`,
		{ description: fix, itemIndex: context.itemIndex },
	);
}

/**
 * Whether a thrown request error is GHL's "no such record": a 404, or the 400 saying "not found"
 * that several of its routes answer.
 */
export function isNotFoundError(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	if (error.httpCode === '404') return true;
	return error.httpCode === '400' && /not found/i.test(error.message);
}

/** The transport's errors already name the operation and the fix; anything else gets the node. */
export function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}
