import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CONTACT_SCOPES, EXTRA_SCOPES } from '../../sandbox/identities';
import type { StoredCredential } from '../harness/credentialsHelper';

/** What the hostile server received. */
export interface HostileRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** One answer: a status with headers and a body (JSON unless `raw`), sent at once or slowly. */
export interface HostileAnswer {
	status?: number;
	headers?: Record<string, string>;
	body?: unknown;
	/** Sent as is instead of JSON. */
	raw?: string;
	/** Headers at once, then one byte of `raw` every `everyMs`, up to `bytes` bytes, then the end. */
	trickle?: { everyMs: number; bytes: number };
}

export type HostileScript = (request: HostileRequest, count: number) => HostileAnswer;

/** A runaway client stops here: every later request gets a 418 that names the cap. */
export const HOSTILE_REQUEST_CAP = 300;

export interface HostileServer {
	url: string;
	/** Every request so far, oldest first. */
	log: HostileRequest[];
	/** Answers from now on; `count` counts from 1 for the first request after the call. */
	script(answer: HostileScript): void;
	close(): Promise<void>;
}

/**
 * A loopback server that answers as a broken or malicious GHL would: a cursor that never
 * moves, absurd rate-limit headers, redirects, a trickling body, secrets echoed back. It is
 * bounded by construction: every answer ends by itself (a trickle after its bytes), and after
 * HOSTILE_REQUEST_CAP requests it answers 418, so a client that loops ends with that error
 * instead of running the suite out of time or memory.
 */
export async function startHostileServer(): Promise<HostileServer> {
	let current: HostileScript = () => ({ status: 404, body: { message: 'Not scripted' } });
	let count = 0;
	const log: HostileRequest[] = [];
	const timers = new Set<NodeJS.Timeout>();
	const server: Server = createServer((req, res) => {
		void collect(req).then((text) => {
			const url = new URL(req.url ?? '/', 'http://hostile.test');
			const request: HostileRequest = {
				method: req.method ?? 'GET',
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body: text ? safeJson(text) : undefined,
			};
			log.push(request);
			count += 1;
			const answer =
				log.length > HOSTILE_REQUEST_CAP
					? {
							status: 418,
							body: { message: `hostile server: over ${HOSTILE_REQUEST_CAP} requests` },
						}
					: current(request, count);
			send(res, answer, timers);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		log,
		script(answer) {
			current = answer;
			count = 0;
		},
		async close() {
			for (const timer of timers) clearInterval(timer);
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Starts a hostile server for the test file and closes it afterwards; the log is emptied before each test. */
export function useHostileServer(): () => HostileServer {
	let server: HostileServer | undefined;
	beforeAll(async () => {
		server = await startHostileServer();
	});
	beforeEach(() => {
		server?.log.splice(0);
	});
	afterAll(async () => {
		await server?.close();
	});
	return () => {
		if (!server)
			throw new Error('The hostile server is not running (use the getter inside a test)');
		return server;
	};
}

async function collect(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function send(res: ServerResponse, answer: HostileAnswer, timers: Set<NodeJS.Timeout>): void {
	const text = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
	const headers: Record<string, string> = {
		...(answer.raw === undefined && answer.body !== undefined
			? { 'content-type': 'application/json' }
			: {}),
		...answer.headers,
	};
	if (!answer.trickle) {
		res.writeHead(answer.status ?? 200, headers);
		res.end(text);
		return;
	}
	const { everyMs, bytes } = answer.trickle;
	res.writeHead(answer.status ?? 200, headers);
	res.flushHeaders();
	let sent = 0;
	const timer = setInterval(() => {
		if (sent >= bytes || res.destroyed) {
			clearInterval(timer);
			timers.delete(timer);
			res.end();
			return;
		}
		res.write(text.charAt(sent % Math.max(1, text.length)) || ' ');
		sent += 1;
	}, everyMs);
	timers.add(timer);
}

export const HOSTILE_TOKEN = 'pit-hostile-0000-secret-token-0001';
export const HOSTILE_LOCATION = 'locHostile000000000A';

/** A `ghlApi` credential holding every scope, pointed at the hostile server. */
export function hostileCredential(server: HostileServer, id = 'pit-hostile'): StoredCredential {
	return {
		id,
		name: 'Hostile PIT',
		type: 'ghlApi',
		data: {
			token: HOSTILE_TOKEN,
			locationId: HOSTILE_LOCATION,
			scopes: [...CONTACT_SCOPES, ...EXTRA_SCOPES],
			baseUrl: server.url,
		},
	};
}

export const HOSTILE_ACCESS_TOKEN =
	'eyJhbGciOiJIUzI1NiJ9.eyJsb2NhdGlvbklkIjoibG9jSG9zdGlsZSJ9.c2lnbmF0dXJlLW9mLXRoZS1qd3Q';
export const HOSTILE_REFRESH_TOKEN = 'hostile-refresh-token-0000-0001';
export const HOSTILE_CLIENT_SECRET = 'hostile-client-secret-0000-0001';

/** A connected `ghlOAuth2Api` credential (its tokens already stored), pointed at the hostile server. */
export function hostileOAuthCredential(server: HostileServer, id: string): StoredCredential {
	return {
		id,
		name: 'Hostile OAuth2',
		type: 'ghlOAuth2Api',
		data: {
			environment: 'custom',
			customHost: server.url,
			clientId: 'hostile-client',
			clientSecret: HOSTILE_CLIENT_SECRET,
			scope: 'contacts.readonly contacts.write',
			oauthTokenData: {
				access_token: HOSTILE_ACCESS_TOKEN,
				refresh_token: HOSTILE_REFRESH_TOKEN,
				token_type: 'Bearer',
				scope: 'contacts.readonly contacts.write',
				locationId: HOSTILE_LOCATION,
			},
		},
	};
}

/** The hostile credentials' secrets that `text` holds, bare or URL-encoded. */
export function hostileSecretsIn(text: string): string[] {
	return [HOSTILE_TOKEN, HOSTILE_ACCESS_TOKEN, HOSTILE_REFRESH_TOKEN, HOSTILE_CLIENT_SECRET].filter(
		(secret) => text.includes(secret) || text.includes(encodeURIComponent(secret)),
	);
}

/** `count` contacts with ids unique to `page`. */
export function contactsPage(page: number, count: number): Array<Record<string, unknown>> {
	return Array.from({ length: count }, (_, i) => ({
		id: `c${page}x${i}`,
		firstName: `P${page}`,
		dateAdded: new Date(Date.UTC(2026, 0, 1) + page * 1000 + i).toISOString(),
	}));
}
