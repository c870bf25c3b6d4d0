/** The owner's login, as printed by the demo and used by the suite. */
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Sandbox-Passw0rd!',
};

/** n8n's internal REST API, as the editor uses it, with the owner's session cookie. */
export class N8nRest {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await this.raw(method, path, body);
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
		const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
		return ('data' in parsed ? parsed.data : parsed) as T;
	}

	async raw(
		method: string,
		path: string,
		body?: unknown,
		redirect: 'follow' | 'manual' = 'follow',
	) {
		const response = await fetch(this.baseUrl + path, {
			method,
			redirect,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
		if (auth) this.cookie = auth[0];
		return response;
	}

	/** First start only: creates the owner, then logs in (the cookie is kept). */
	async setUpOwner(): Promise<void> {
		await this.request('POST', '/rest/owner/setup', OWNER);
		await this.request('POST', '/rest/login', {
			emailOrLdapLoginId: OWNER.email,
			password: OWNER.password,
		});
	}

	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<string> {
		const created = await this.request<{ id: string }>('POST', '/rest/credentials', {
			name,
			type,
			data,
		});
		return created.id;
	}

	/**
	 * n8n's own OAuth2 flow, as the editor's Connect button runs it: n8n builds the authorize URL,
	 * the provider redirects to n8n's callback (with the session cookie, which 2.x requires), and
	 * n8n exchanges the code and stores the tokens. Returns the authorize URL and the callback page.
	 */
	async connectOAuth2(
		credentialId: string,
	): Promise<{ authorizeUrl: string; callbackPage: string }> {
		const authorizeUrl = await this.request<string>(
			'GET',
			`/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`,
		);
		const consent = await fetch(authorizeUrl, { redirect: 'manual' });
		const callback = consent.headers.get('location');
		if (consent.status !== 302 || !callback) {
			throw new Error(
				`the authorize page answered ${consent.status}, not a redirect: ${await consent.text()}`,
			);
		}
		if (!callback.startsWith(this.baseUrl))
			throw new Error(`redirected to ${callback}, not to n8n`);
		const page = await this.raw('GET', callback.slice(this.baseUrl.length));
		return { authorizeUrl, callbackPage: await page.text() };
	}

	/** A workflow saved as the editor saves a new one, inactive; n8n gives it its id. */
	async createWorkflow({
		name,
		nodes,
		connections = {},
		settings = {},
	}: {
		name: string;
		nodes: object[];
		connections?: object;
		settings?: object;
	}): Promise<string> {
		const created = await this.request<{ id: string }>('POST', '/rest/workflows', {
			name,
			nodes,
			connections,
			settings,
			active: false,
		});
		return created.id;
	}

	/** Activates (2.x: publishes) a workflow; n8n polls its trigger once right away. */
	async activate(workflowId: string): Promise<void> {
		const { versionId } = await this.request<{ versionId: string }>(
			'GET',
			`/rest/workflows/${workflowId}`,
		);
		await this.request('POST', `/rest/workflows/${workflowId}/activate`, { versionId });
	}

	async deactivate(workflowId: string): Promise<void> {
		await this.request('POST', `/rest/workflows/${workflowId}/deactivate`);
	}

	async executions(workflowId: string) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.request<{
			results: Array<{ id: string; mode: string; status: string }>;
		}>('GET', `/rest/executions?filter=${filter}`);
		return page.results;
	}

	/** "Fetch Test Event": the workflow run in manual mode from the given trigger. */
	async runFromTrigger(workflowId: string, triggerName: string): Promise<string> {
		const workflowData = await this.request('GET', `/rest/workflows/${workflowId}`);
		const started = await this.request<{ executionId: string }>(
			'POST',
			`/rest/workflows/${workflowId}/run`,
			{
				workflowData,
				triggerToStartFrom: { name: triggerName },
			},
		);
		return started.executionId;
	}

	async execution(id: string) {
		return this.request<{ status: string; finished: boolean; mode: string; data: string }>(
			'GET',
			`/rest/executions/${id}`,
		);
	}

	/**
	 * The execution once it has ended (succeeded, failed or crashed) and its data is stored: n8n
	 * 1.x can report a manual run's final status while its data is still an empty list (`[]`).
	 */
	async ended(id: string, timeoutMs?: number) {
		return waitFor(
			`execution ${id} to end`,
			async () => {
				const found = await this.execution(id);
				const over = found.finished || ['success', 'error', 'crashed'].includes(found.status);
				return over && typeof found.data === 'string' && found.data.length > 2 ? found : undefined;
			},
			timeoutMs,
		);
	}
}

/** Polls `probe` until it returns a value, or fails after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined>,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}
