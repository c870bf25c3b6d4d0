import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { RunningSandbox } from '../../sandbox/types';
import type { StoredCredential } from '../harness/credentialsHelper';
import { pitCredential } from './ghl';

/** A request on its way through the proxy. */
export interface Intercepted {
	method: string;
	path: string;
	body: unknown;
}

/** Runs before a request is passed on: it may change the sandbox's data, or hold the request. */
export type Interception = (request: Intercepted) => Promise<void> | void;

export interface InterceptProxy {
	url: string;
	/** From now on, `before` runs ahead of every request (none: pass everything straight on). */
	intercept(before?: Interception): void;
	close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/**
 * A loopback proxy in front of the sandbox for scenarios a server alone cannot stage: data that
 * changes between two page reads of one poll, or a poll held while another one runs. Answers are
 * the sandbox's, byte for byte.
 */
export async function startInterceptProxy(targetUrl: string): Promise<InterceptProxy> {
	const target = new URL(targetUrl);
	let before: Interception | undefined;
	const server = createServer((req, res) => {
		void (async () => {
			const raw = await bodyOf(req);
			const path = req.url ?? '/';
			let body: unknown;
			try {
				body = raw.length > 0 ? JSON.parse(raw.toString()) : undefined;
			} catch {
				body = raw.toString();
			}
			await before?.({ method: req.method ?? 'GET', path, body });
			const upstream = httpRequest(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path,
					headers: { ...req.headers, host: target.host },
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			upstream.on('error', () => res.destroy());
			upstream.end(raw);
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		intercept(next) {
			before = next;
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/**
 * A proxy in front of the test file's sandbox (started beforeAll, closed afterAll, its
 * interception cleared after each test), and a PIT credential whose base URL is the proxy.
 */
export function useInterceptProxy(sandbox: () => RunningSandbox): {
	proxy: () => InterceptProxy;
	throughProxy: () => StoredCredential;
} {
	let running: InterceptProxy | undefined;
	beforeAll(async () => {
		running = await startInterceptProxy(sandbox().url);
	});
	afterAll(async () => {
		await running?.close();
	});
	afterEach(() => running?.intercept());
	const proxy = () => {
		if (!running) throw new Error('The proxy is not running (use the getter inside a test)');
		return running;
	};
	return {
		proxy,
		throughProxy: () => pitCredential(sandbox(), 'readWrite', { baseUrl: proxy().url }),
	};
}
