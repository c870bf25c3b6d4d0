import { unprocessable } from './errors';

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON body as an object (`{}` when none was sent); 422 for anything else. */
export function objectBody(body: unknown): Record<string, unknown> {
	if (body === undefined || body === null) return {};
	if (!isRecord(body)) throw unprocessable('body must be a JSON object');
	return body;
}
