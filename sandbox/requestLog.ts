import type { LoggedRequest } from './types';

/** OAuth form fields that are secrets. */
const SECRET_FIELDS = ['client_secret', 'refresh_token', 'code', 'access_token'];
/** Old entries are dropped past this many, so a long-running sandbox keeps bounded memory. */
const MAX_ENTRIES = 100_000;

function redactHeaders(
	headers: Record<string, string | string[] | undefined>,
): LoggedRequest['headers'] {
	const out = { ...headers };
	const auth = out.authorization;
	if (typeof auth === 'string') {
		// The last four characters tell the sandbox's tokens apart without revealing them.
		const token = auth.replace(/^Bearer\s+/i, '');
		out.authorization = `Bearer <redacted:${token.slice(-4)}>`;
	}
	if (out.cookie !== undefined) out.cookie = '<redacted>';
	return out;
}

function redactBody(body: unknown): unknown {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
	const out = { ...(body as Record<string, unknown>) };
	for (const field of SECRET_FIELDS) if (field in out) out[field] = '<redacted>';
	return out;
}

/** Every request to the GHL and OAuth routes, in arrival order, secrets redacted. */
export class RequestLog {
	private entries: LoggedRequest[] = [];
	/** How many entries were dropped from the front: indexes stay absolute. */
	private dropped = 0;

	record(entry: LoggedRequest): void {
		this.entries.push({
			...entry,
			headers: redactHeaders(entry.headers),
			body: redactBody(entry.body),
		});
		if (this.entries.length > MAX_ENTRIES) {
			this.entries.shift();
			this.dropped++;
		}
	}

	/** Entries from absolute index `since` on (0 = everything kept). */
	since(index = 0): LoggedRequest[] {
		return this.entries.slice(Math.max(0, index - this.dropped));
	}

	/** Empties the log; later entries keep counting from where it was. */
	clear(): void {
		this.dropped += this.entries.length;
		this.entries = [];
	}

	/** Empties the log and counts from 0 again. */
	reset(): void {
		this.entries = [];
		this.dropped = 0;
	}
}
