import { GhlApiError } from './types';
import type { HandlerResult } from './types';

/**
 * NestJS's `error` field by status. 400 and 500 go without one, as GHL's BadRequestDTO and
 * NestJS's default 500 do.
 */
const ERROR_NAMES: Record<number, string> = {
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};

/** GHL's error body for an API error: `{statusCode, message, error?, ...extra}`. */
export function renderError(error: GhlApiError): HandlerResult {
	const name = ERROR_NAMES[error.status];
	return {
		status: error.status,
		body: {
			statusCode: error.status,
			message: error.messages,
			...(name ? { error: name } : {}),
			...error.extra,
		},
	};
}

export const INVALID_TOKEN = 'Invalid token: access token is invalid';
export const SCOPE_DENIED = 'The token is not authorized for this scope.';
export const LOCATION_DENIED = 'The token does not have access to this location.';
/** A token of the wrong class: an agency token on a sub-account route, or the reverse (notes §4). */
export const AUTH_CLASS_DENIED =
	'This authClass type is not allowed to access this scope. Please reach out to the Platform team to get it added.';

/** NestJS's answer for a route it does not know. */
export function routeNotFound(method: string, path: string): GhlApiError {
	return new GhlApiError(404, `Cannot ${method} ${path}`);
}

/** The message of a 5xx fault, in NestJS's words. */
export const SERVER_ERROR_MESSAGES: Record<number, string> = {
	500: 'Internal server error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
	504: 'Gateway Timeout',
};
