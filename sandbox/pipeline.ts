import { setTimeout as sleep } from 'node:timers/promises';

import {
	authenticate,
	checkLocation,
	checkScope,
	checkTokenClass,
	checkVersion,
	isAgencyRoute,
} from './auth';
import { renderError, routeNotFound, SERVER_ERROR_MESSAGES } from './errors';
import type { FaultDecision } from './faults';
import type { Incoming, Reply } from './http';
import { rateHeaders } from './rateLimit';
import type { SandboxState } from './state';
import { GhlApiError } from './types';
import type { HandlerResult, SandboxRequest } from './types';
import { validateRequest, validateResponse } from './validation';

let lastTurn: Promise<void> = Promise.resolve();

/**
 * Resolves on a turn of the event loop of its own, after every earlier caller's. Requests whose
 * latency ends together (a client sending 20 at once) would otherwise be answered back to back in
 * one turn, and requests arriving meanwhile would be read, and start their latency, only after
 * the last of them: the answers would come in waves that GHL, which does not answer from one
 * thread, does not make.
 */
function nextTurn(): Promise<void> {
	const turn = lastTurn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
	lastTurn = turn;
	return turn;
}

/** What becomes of a GHL request: an answer, or a connection that is reset or left hanging. */
export type Outcome =
	| { reply: Reply; operationId?: string }
	| { drop: 'reset' | 'hang'; operationId: string };

function withHeaders(result: HandlerResult, headers: Record<string, string>): Reply {
	return { status: result.status, body: result.body, headers };
}

function faultOutcome(
	decision: FaultDecision,
	operationId: string,
	headers: Record<string, string>,
): Outcome {
	const { fault } = decision;
	if (fault === 'reset' || fault === 'hang') return { drop: fault, operationId };
	const error = new GhlApiError(fault, SERVER_ERROR_MESSAGES[fault]);
	return { reply: withHeaders(renderError(error), headers), operationId };
}

/**
 * A request to a GHL route, through GHL's checks in order: route, auth, Version, scope,
 * location, rate limit, validation, then latency and faults, the handler, and the response
 * check. Each refusal carries the rate-limit headers known at that point.
 */
export async function runGhlRequest(state: SandboxState, incoming: Incoming): Promise<Outcome> {
	const { options, clock } = state;
	const match = state.router.match(incoming.method, incoming.path);
	if (!match) {
		return {
			reply: withHeaders(
				renderError(routeNotFound(incoming.method, incoming.path)),
				rateHeaders(options),
			),
		};
	}
	const { op, params } = match;
	const operationId = op.operationId;
	const refuse = (error: GhlApiError, headers: Record<string, string>): Outcome => ({
		reply: withHeaders(renderError(error), headers),
		operationId,
	});
	// body-parser answers before any guard runs.
	if (incoming.bodyError)
		return refuse(new GhlApiError(400, incoming.bodyError), rateHeaders(options));

	let grant;
	try {
		grant = authenticate(incoming.headers, state.tokens, clock.now());
	} catch (error) {
		return refuse(error as GhlApiError, rateHeaders(options));
	}
	// Every authenticated request counts, whatever becomes of it.
	const rate = state.limiter.hit(grant);
	try {
		checkTokenClass(op, grant);
		checkVersion(op, incoming.headers);
		checkScope(op, grant);
		// An agency route names sub-accounts of the agency, which the pipeline does not know.
		if (!isAgencyRoute(op)) checkLocation(grant, params, incoming.query, incoming.body);
		if (!rate.allowed) throw new GhlApiError(429, 'Too Many Requests');
		const problems = validateRequest(op, { params, query: incoming.query, body: incoming.body });
		if (problems.length > 0) throw new GhlApiError(422, problems);
	} catch (error) {
		if (error instanceof GhlApiError) return refuse(error, rate.headers);
		throw error;
	}

	const { fixedMs, randomMs } = options.latency;
	const delay = fixedMs + state.faults.jitter(randomMs);
	if (delay > 0) {
		await sleep(delay);
		await nextTurn();
	}
	// Faults strike after auth and before the handler: a faulted write is not executed, unless
	// the rule says the response is lost after the handler ran.
	const fault = state.faults.decide(operationId);
	if (fault && !fault.afterHandler) return faultOutcome(fault, operationId, rate.headers);

	const request: SandboxRequest = {
		method: incoming.method,
		path: incoming.path,
		params,
		query: incoming.query,
		body: incoming.body,
		headers: incoming.headers,
		grant,
	};
	let result: HandlerResult;
	try {
		const handler = state.domain.handlers[operationId] ?? state.agencyHandlers[operationId];
		result = await handler(request, { clock, options });
	} catch (error) {
		if (!(error instanceof GhlApiError)) throw error;
		result = renderError(error);
	}
	if (options.validateResponses) {
		const problems = validateResponse(operationId, result.status, result.body);
		if (problems.length > 0) {
			console.error(
				`[sandbox] ${operationId} answered ${result.status} outside the spec:\n  ${problems.join('\n  ')}`,
			);
			result = {
				status: 500,
				body: { statusCode: 500, message: 'Response does not match the spec', problems },
			};
		}
	}
	if (fault) return faultOutcome(fault, operationId, rate.headers);
	return { reply: withHeaders(result, rate.headers), operationId };
}
