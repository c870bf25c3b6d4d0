import type { IncomingMessage, ServerResponse } from 'node:http';

/** A request as the sandbox's routes see it, body parsed. */
export interface Incoming {
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[] | undefined>;
	/** Parsed JSON, or an object for a form body; undefined when none was sent. */
	body: unknown;
	/** True for `application/x-www-form-urlencoded` bodies. */
	form: boolean;
	/** Set when the body is not the JSON its content type claims. */
	bodyError?: string;
}

export interface Reply {
	status: number;
	headers?: Record<string, string>;
	/** Sent as JSON unless `html` is set. */
	body?: unknown;
	html?: string;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function queryOf(params: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const [key, value] of params) {
		const seen = query[key];
		query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
	}
	return query;
}

/**
 * Reads and parses a request. JSON when the content type says so (or says nothing), a form
 * for urlencoded bodies; other bodies are ignored, as NestJS's parsers ignore them.
 */
export async function readIncoming(req: IncomingMessage): Promise<Incoming> {
	const url = new URL(req.url ?? '/', 'http://sandbox');
	const raw = (await readAll(req)).toString('utf8');
	const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	const form = type === 'application/x-www-form-urlencoded';
	const incoming: Incoming = {
		method: (req.method ?? 'GET').toUpperCase(),
		path: url.pathname,
		query: queryOf(url.searchParams),
		headers: req.headers,
		body: undefined,
		form,
	};
	if (raw.length === 0) return incoming;
	if (form) {
		incoming.body = Object.fromEntries(new URLSearchParams(raw));
	} else if (type === '' || type === 'application/json' || type.endsWith('+json')) {
		try {
			incoming.body = JSON.parse(raw);
		} catch (error) {
			incoming.bodyError = (error as Error).message;
		}
	}
	return incoming;
}

export function send(res: ServerResponse, reply: Reply): void {
	if (res.destroyed || res.headersSent) return;
	const headers: Record<string, string> = { ...reply.headers };
	let payload = '';
	if (reply.html !== undefined) {
		headers['Content-Type'] = 'text/html; charset=utf-8';
		payload = reply.html;
	} else if (reply.body !== undefined) {
		headers['Content-Type'] = 'application/json; charset=utf-8';
		payload = JSON.stringify(reply.body);
	}
	headers['Content-Length'] = String(Buffer.byteLength(payload));
	res.writeHead(reply.status, headers);
	res.end(payload);
}
