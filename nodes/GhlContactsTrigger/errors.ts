import { NodeApiError, type IPollFunctions, type NodeOperationError } from 'n8n-workflow';

import { asNodeError as asNodeErrorOf } from '../shared/transport';

/** A failure the next poll may not meet: the network, a GHL server error, or the rate limit. */
export function isTransient(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = error.httpCode;
	return !status || !/^\d{3}$/.test(status) || status === '429' || status.startsWith('5');
}

export function asNodeError(
	ctx: IPollFunctions,
	error: unknown,
): NodeApiError | NodeOperationError {
	return asNodeErrorOf(ctx.getNode(), error);
}
