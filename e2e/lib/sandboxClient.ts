import type { LoggedRequest, RunningSandbox } from '../../sandbox/types';

/** The suite's view of the sandbox: its GHL API (as a client would call it) and its control API. */
export class SandboxClient {
	constructor(readonly sandbox: RunningSandbox) {}

	get url(): string {
		return this.sandbox.url;
	}

	async control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/__sandbox${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${text}`);
		return (text ? JSON.parse(text) : undefined) as T;
	}

	/** Calls the GHL API with the read/write token. */
	async ghl<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${this.sandbox.tokens.readWrite}`,
				version: '2021-07-28',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`GHL ${method} ${path}: ${response.status} ${text}`);
		return JSON.parse(text) as T;
	}

	/** Forgets earlier requests, so `requests()` returns only what the next step sends. */
	async clearLog(): Promise<void> {
		await this.control('DELETE', '/log');
	}

	async requests(): Promise<LoggedRequest[]> {
		return this.control<LoggedRequest[]>('GET', '/log');
	}
}
