import type { HandlerResult, SandboxRequest } from '../../types';
import { forbidden, unprocessable } from '../errors';
import { objectBody } from '../json';
import type { World } from '../world';

/** A handler of the domain: the world is bound, the pipeline passes the request. */
export type DomainHandler = (req: SandboxRequest) => HandlerResult;
export type HandlerFactory = (world: World) => Record<string, DomainHandler>;

export function ok(body: unknown): HandlerResult {
	return { status: 200, body };
}

export function created(body: unknown): HandlerResult {
	return { status: 201, body };
}

export const SUCCEEDED = { succeded: true } as const;

export function bodyOf(req: SandboxRequest): Record<string, unknown> {
	return objectBody(req.body);
}

export function queryValue(req: SandboxRequest, name: string): string | undefined {
	const value = req.query[name];
	return Array.isArray(value) ? value[0] : value;
}

/** A `locationId` the client named must be the token's (the pipeline checks this too). */
export function checkLocation(req: SandboxRequest, locationId: unknown): void {
	if (locationId !== undefined && locationId !== req.grant.locationId) throw forbidden();
}

/** Parses an integer query parameter with bounds; GHL answers 422 outside them. */
export function intQuery(
	req: SandboxRequest,
	name: string,
	fallback: number,
	min: number,
	max?: number,
): number {
	const raw = queryValue(req, name);
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value)) throw unprocessable(`${name} must be an integer number`);
	if (value < min) throw unprocessable(`${name} must not be less than ${min}`);
	if (max !== undefined && value > max)
		throw unprocessable(`${name} must not be greater than ${max}`);
	return value;
}
