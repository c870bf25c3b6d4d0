import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

import { CONTROL_PREFIX, controlApi } from './control';
import { readIncoming, send } from './http';
import type { Incoming, Reply } from './http';
import {
	COMPANY_ID,
	MAIN_LOCATION_ID,
	OAUTH_CLIENT_ID,
	OAUTH_CLIENT_SECRET,
	OTHER_LOCATION_ID,
} from './identities';
import { resolveOptions } from './options';
import { runGhlRequest } from './pipeline';
import type { Outcome } from './pipeline';
import { rateHeaders } from './rateLimit';
import { SandboxState } from './state';
import type { DomainSource } from './state';
import { INITIAL_TOKENS } from './tokens';
import type { LoggedRequest, RunningSandbox, SandboxOptions } from './types';

export interface SandboxDependencies {
	/** Replaces the GHL domain (tests of the pipeline inject their own handlers). */
	domain?: DomainSource;
}

const INTERNAL_ERROR: Reply = {
	status: 500,
	body: { statusCode: 500, message: 'Internal server error' },
};

/** GHL and OAuth requests: answered, logged, or dropped as a fault says. */
async function serveApi(
	state: SandboxState,
	incoming: Incoming,
	res: ServerResponse,
): Promise<void> {
	const at = state.clock.now();
	const oauthReply = state.oauth.handle(incoming);
	let outcome: Outcome;
	if (oauthReply) {
		const tokenMs = state.options.latency.tokenMs ?? 0;
		if (tokenMs > 0 && incoming.path === '/oauth/token') await sleep(tokenMs);
		outcome = {
			reply: { ...oauthReply, headers: { ...rateHeaders(state.options), ...oauthReply.headers } },
		};
	} else {
		try {
			outcome = await runGhlRequest(state, incoming);
		} catch (error) {
			console.error('[sandbox] handler failed:', error);
			outcome = { reply: { ...INTERNAL_ERROR, headers: rateHeaders(state.options) } };
		}
	}
	state.log.record({
		at,
		method: incoming.method,
		path: incoming.path,
		query: incoming.query,
		headers: incoming.headers,
		body: incoming.body,
		operationId: outcome.operationId,
		...tokenOf(state, incoming),
		// A reset or hung request has no status; 0 says "no answer".
		status: 'reply' in outcome ? outcome.reply.status : 0,
	});
	if ('reply' in outcome) send(res, outcome.reply);
	else if (outcome.drop === 'reset') res.socket?.destroy();
	// A hang leaves the response open until the client gives up or the sandbox closes.
}

/** Which kind of token a request carried (for tests counting per sub-account), never the token. */
function tokenOf(
	state: SandboxState,
	incoming: Incoming,
): Pick<LoggedRequest, 'tokenType' | 'tokenLocationId'> {
	const header = incoming.headers.authorization;
	const match = /^Bearer\s+(\S+)/i.exec(typeof header === 'string' ? header : '');
	const grant = match ? state.tokens.peek(match[1]) : undefined;
	if (!grant) return {};
	const tokenType = grant.kind === 'pit' ? 'pit' : (grant.userType ?? 'Location');
	return { tokenType, ...(grant.locationId ? { tokenLocationId: grant.locationId } : {}) };
}

function listener(state: SandboxState) {
	const control = controlApi(state);
	return (req: IncomingMessage, res: ServerResponse) => {
		void (async () => {
			try {
				const incoming = await readIncoming(req);
				const isControl =
					incoming.path === CONTROL_PREFIX || incoming.path.startsWith(`${CONTROL_PREFIX}/`);
				if (isControl) send(res, control(incoming));
				else await serveApi(state, incoming, res);
			} catch (error) {
				console.error('[sandbox] request failed:', error);
				send(res, INTERNAL_ERROR);
			}
		})();
	};
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address() as AddressInfo);
		});
	});
}

/**
 * Starts a sandbox: GHL's API, its OAuth server and the control API on one local port
 * (a free one unless `port` says otherwise).
 */
export async function startSandbox(
	overrides: Partial<SandboxOptions> = {},
	dependencies: SandboxDependencies = {},
): Promise<RunningSandbox> {
	const options = resolveOptions(overrides);
	const state = new SandboxState(options, dependencies.domain);
	const server = createServer(listener(state));
	const address = await listen(server, options.port, options.host);
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	return {
		url: `http://${host}:${address.port}`,
		options,
		mainLocationId: MAIN_LOCATION_ID,
		otherLocationId: OTHER_LOCATION_ID,
		companyId: COMPANY_ID,
		tokens: { ...INITIAL_TOKENS },
		oauthClient: { clientId: OAUTH_CLIENT_ID, clientSecret: OAUTH_CLIENT_SECRET },
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				// Hung and keep-alive connections would hold close() open forever.
				server.closeAllConnections();
			}),
	};
}
