import type { IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** A failure the next poll may not meet: the network, a GHL server error, or the rate limit. */
export function isTransient(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const status = error.httpCode;
	return !status || !/^\d{3}$/.test(status) || status === '429' || status.startsWith('5');
}

/** The transport's errors already name the operation and the fix; anything else gets the node. */
export function asNodeError(
	ctx: IPollFunctions,
	error: unknown,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error as Error);
}
