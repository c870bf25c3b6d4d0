import type { RunningSandbox } from '../../../sandbox/types';

export const VERSION = '2021-07-28';

export interface Reply {
	status: number;
	headers: Headers;
	body: any;
}

export interface CallOptions {
	/** Bearer token; the read/write PIT unless given; `null` sends no Authorization header. */
	token?: string | null;
	/** `Version` header; `null` sends none. */
	version?: string | null;
	body?: unknown;
	headers?: Record<string, string>;
	signal?: AbortSignal;
}

/** One request to the sandbox, answered as status, headers and parsed JSON. */
export async function call(
	sandbox: RunningSandbox,
	method: string,
	path: string,
	options: CallOptions = {},
): Promise<Reply> {
	const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
	const token = options.token === undefined ? sandbox.tokens.readWrite : options.token;
	if (token !== null) headers.Authorization = `Bearer ${token}`;
	const version = options.version === undefined ? VERSION : options.version;
	if (version !== null) headers.Version = version;
	if (options.body !== undefined) headers['Content-Type'] = 'application/json';
	const response = await fetch(new URL(path, sandbox.url), {
		method,
		headers,
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
		signal: options.signal,
	});
	const text = await response.text();
	let body: unknown = text;
	if (response.headers.get('content-type')?.includes('json')) body = JSON.parse(text);
	return { status: response.status, headers: response.headers, body };
}

/** A control API call (`/__sandbox/...`). */
export async function control(
	sandbox: RunningSandbox,
	method: string,
	path: string,
	body?: unknown,
): Promise<Reply> {
	return call(sandbox, method, `/__sandbox${path}`, { token: null, version: null, body });
}

/** The first contact of the seeded main location. */
export async function someContactId(sandbox: RunningSandbox): Promise<string> {
	const reply = await call(sandbox, 'POST', '/contacts/search', {
		body: { locationId: sandbox.mainLocationId, pageLimit: 1 },
	});
	if (reply.status !== 200) throw new Error(`search failed: ${reply.status}`);
	return reply.body.contacts[0].id as string;
}
