import type { ControlRequest, ControlRoute } from './domain';
import { renderError, routeNotFound } from './errors';
import { approvalChoice } from './options';
import type { Incoming, Reply } from './http';
import type { SandboxState } from './state';
import { GhlApiError } from './types';
import { webhookRoutes } from './webhooks/routes';
import type { FaultRule, SandboxOptions } from './types';

/** Prefix of the control API (no auth, not rate-limited, not logged). */
export const CONTROL_PREFIX = '/__sandbox';

const FAULTS: ReadonlyArray<FaultRule['fault']> = [500, 502, 503, 504, 'reset', 'hang'];

const invalid = (message: string) => new GhlApiError(400, message);

function objectBody(req: ControlRequest): Record<string, unknown> {
	const { body } = req;
	if (body === undefined) return {};
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw invalid('body must be a JSON object');
	}
	return body as Record<string, unknown>;
}

function number(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
		throw invalid(`${name} must be a number from 0 to ${max}`);
	}
	return value;
}

function boolean(value: unknown, name: string): boolean {
	if (typeof value !== 'boolean') throw invalid(`${name} must be true or false`);
	return value;
}

/** Copies the numeric fields present in `input` onto `target`. */
function assignNumbers<T extends object>(
	target: T,
	input: unknown,
	name: string,
	max?: number,
): void {
	if (input === undefined) return;
	if (typeof input !== 'object' || input === null) throw invalid(`${name} must be an object`);
	for (const [key, value] of Object.entries(input)) {
		if (!(key in target)) throw invalid(`${name}.${key} is not a setting`);
		(target as Record<string, number>)[key] = number(value, `${name}.${key}`, max);
	}
}

function faultRule(value: unknown): FaultRule {
	const rule = value as Partial<FaultRule>;
	if (typeof rule !== 'object' || rule === null || typeof rule.operationId !== 'string') {
		throw invalid('schedule items need an operationId (or "*")');
	}
	if (!FAULTS.includes(rule.fault as FaultRule['fault'])) {
		throw invalid(`schedule fault must be one of ${FAULTS.join(', ')}`);
	}
	for (const key of ['nth', 'times'] as const) {
		if (rule[key] !== undefined && (!Number.isInteger(rule[key]) || (rule[key] as number) < 1)) {
			throw invalid(`schedule ${key} must be a positive integer`);
		}
	}
	if (rule.afterHandler !== undefined) boolean(rule.afterHandler, 'schedule afterHandler');
	return { ...rule } as FaultRule;
}

/** The time as both forms, so people and tests can read it. */
function clockBody(now: number) {
	return { now, iso: new Date(now).toISOString() };
}

function configBody(options: SandboxOptions) {
	const { indexLagMs, latency, rateLimit, retryAfter, autoApprove, autoApproveAs } = options;
	const { validateResponses, accessTokenTtlSec, locationTokenTtlSec } = options;
	return {
		indexLagMs,
		latency,
		rateLimit,
		retryAfter,
		autoApprove,
		autoApproveAs,
		validateResponses,
		accessTokenTtlSec,
		locationTokenTtlSec,
	};
}

function pipelineRoutes(state: SandboxState): ControlRoute[] {
	const { options, clock } = state;
	const ok = (body: unknown = { ok: true }) => ({ status: 200, body });
	return [
		{
			method: 'POST',
			path: '/reset',
			handle: () => (state.reset(), ok()),
		},
		{
			method: 'GET',
			path: '/log',
			handle: (req) => {
				const since = Number(req.query.since ?? 0);
				if (!Number.isInteger(since) || since < 0) throw invalid('since must be an index ≥ 0');
				return ok(state.log.since(since));
			},
		},
		{ method: 'DELETE', path: '/log', handle: () => (state.log.clear(), ok()) },
		{ method: 'GET', path: '/clock', handle: () => ok(clockBody(clock.now())) },
		{
			method: 'POST',
			path: '/clock',
			handle: (req) => {
				const body = objectBody(req);
				if (body.advanceMs !== undefined) {
					if (typeof body.advanceMs !== 'number' || !Number.isFinite(body.advanceMs)) {
						throw invalid('advanceMs must be a number');
					}
					clock.advance(body.advanceMs);
				} else if (body.set !== undefined) {
					const at = typeof body.set === 'number' ? body.set : Date.parse(String(body.set));
					if (!Number.isFinite(at)) throw invalid('set must be an ISO date or epoch ms');
					clock.set(at);
				} else {
					throw invalid('send {advanceMs} or {set}');
				}
				return ok(clockBody(clock.now()));
			},
		},
		{
			method: 'PUT',
			path: '/faults',
			handle: (req) => {
				const body = objectBody(req);
				const next = { ...options.faults };
				const { schedule, ...rates } = body;
				assignNumbers(next, rates, 'faults', 1);
				if (schedule !== undefined) {
					if (!Array.isArray(schedule)) throw invalid('schedule must be an array');
					next.schedule = schedule.map(faultRule);
				}
				options.faults = next;
				state.faults.restart();
				return ok(options.faults);
			},
		},
		{ method: 'GET', path: '/config', handle: () => ok(configBody(options)) },
		{
			method: 'PUT',
			path: '/config',
			handle: (req) => {
				const body = objectBody(req);
				const { latency, rateLimit, ...rest } = body;
				// Checked in full on a copy first, so a bad field changes nothing.
				const next = structuredClone(configBody(options));
				assignNumbers(next.latency, latency, 'latency');
				assignNumbers(next.rateLimit, rateLimit, 'rateLimit');
				for (const [key, value] of Object.entries(rest)) {
					if (
						key === 'indexLagMs' ||
						key === 'accessTokenTtlSec' ||
						key === 'locationTokenTtlSec'
					) {
						next[key] = number(value, key);
					} else if (key === 'autoApproveAs') {
						try {
							next[key] = approvalChoice(value);
						} catch (error) {
							throw invalid((error as Error).message);
						}
					} else if (key === 'retryAfter' || key === 'autoApprove' || key === 'validateResponses') {
						next[key] = boolean(value, key);
					} else throw invalid(`${key} is not a setting`);
				}
				// indexLagMs reaches search from the next reset: the domain fixes it when it seeds.
				Object.assign(options, next);
				return ok(configBody(options));
			},
		},
		{
			method: 'POST',
			path: '/tokens',
			handle: (req) => {
				const body = objectBody(req);
				const scopes = body.scopes;
				if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string')) {
					throw invalid('scopes must be an array of strings');
				}
				if (typeof body.locationId !== 'string' || body.locationId === '') {
					throw invalid('locationId must be a string');
				}
				const grant = state.tokens.createPit(scopes as string[], body.locationId);
				return { status: 201, body: { token: grant.token } };
			},
		},
		{
			method: 'DELETE',
			path: '/tokens/:token',
			handle: (req) => {
				if (!state.tokens.revoke(req.params.token)) throw new GhlApiError(404, 'Unknown token');
				return ok({ revoked: true });
			},
		},
		{
			method: 'POST',
			path: '/installs',
			handle: (req) => {
				const { locationId } = objectBody(req);
				if (typeof locationId !== 'string' || locationId === '') {
					throw invalid('locationId must be a string');
				}
				state.installs.install(locationId);
				return { status: 201, body: { installed: locationId } };
			},
		},
		{
			method: 'DELETE',
			path: '/installs/:locationId',
			handle: (req) => {
				const { locationId } = req.params;
				if (!state.installs.uninstall(locationId)) throw new GhlApiError(404, 'Unknown location');
				// Uninstalling ends what the app held there: its sub-account tokens stop working.
				state.tokens.expireWhere(
					(grant) => grant.viaAgency === true && grant.locationId === locationId,
					clock.now(),
				);
				return ok({ uninstalled: locationId });
			},
		},
		{
			method: 'POST',
			path: '/expire-location-tokens',
			handle: (req) => {
				const { locationId } = objectBody(req);
				if (locationId !== undefined && typeof locationId !== 'string') {
					throw invalid('locationId must be a string');
				}
				const expired = state.tokens.expireWhere(
					(grant) =>
						grant.viaAgency === true &&
						(locationId === undefined || grant.locationId === locationId),
					clock.now(),
				);
				return ok({ expired });
			},
		},
		{
			method: 'POST',
			path: '/tokens/:token/expire',
			handle: (req) => {
				if (!state.tokens.expire(req.params.token, clock.now())) {
					throw new GhlApiError(404, 'Unknown token');
				}
				return ok({ expired: true });
			},
		},
	];
}

function bind(route: ControlRoute, path: string): Record<string, string> | undefined {
	const expected = route.path.split('/').filter(Boolean);
	const actual = path.split('/').filter(Boolean);
	if (expected.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < expected.length; i++) {
		if (expected[i].startsWith(':')) params[expected[i].slice(1)] = decodeURIComponent(actual[i]);
		else if (expected[i] !== actual[i]) return undefined;
	}
	return params;
}

/** The control API: the pipeline's routes, the webhooks' and the domain's, under one prefix. */
export function controlApi(state: SandboxState): (incoming: Incoming) => Reply {
	const routes = [
		...pipelineRoutes(state),
		...webhookRoutes(state.webhooks, state.clock),
		...state.domain.controlRoutes,
	];
	return (incoming) => {
		const path = incoming.path.slice(CONTROL_PREFIX.length) || '/';
		try {
			if (incoming.bodyError) throw invalid(incoming.bodyError);
			for (const route of routes) {
				if (route.method !== incoming.method) continue;
				const params = bind(route, path);
				if (!params) continue;
				const result = route.handle({ params, query: incoming.query, body: incoming.body });
				return { status: result.status, body: result.body };
			}
			throw routeNotFound(incoming.method, incoming.path);
		} catch (error) {
			if (error instanceof GhlApiError) return renderError(error);
			throw error;
		}
	};
}
