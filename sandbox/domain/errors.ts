import { GhlApiError } from '../types';

export const LOCATION_FORBIDDEN = 'The token does not have access to this location.';

export function badRequest(message: string, extra: Record<string, unknown> = {}): GhlApiError {
	return new GhlApiError(400, message, extra);
}

export function notFound(kind: string, id: string): GhlApiError {
	return badRequest(`${kind} with id ${id} not found`);
}

export function forbidden(): GhlApiError {
	return new GhlApiError(403, LOCATION_FORBIDDEN);
}

export function unprocessable(...messages: string[]): GhlApiError {
	return new GhlApiError(422, messages);
}
