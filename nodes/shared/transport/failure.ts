/**
 * What went wrong with one HTTP attempt, read from whatever n8n's request helper threw (an
 * NodeApiError wrapping an axios error, or the axios error itself).
 */
export interface AttemptFailure {
	/** HTTP status, or undefined when no response came back. */
	status?: number;
	headers?: Record<string, unknown>;
	body?: unknown;
	/** Network error code (ECONNRESET, ETIMEDOUT, ...) when there was no response. */
	code?: string;
}

interface ErrorLike {
	response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
	code?: unknown;
	cause?: unknown;
	httpCode?: unknown;
}

export function readFailure(error: unknown): AttemptFailure {
	let current = error as ErrorLike | undefined;
	const seen = new Set<unknown>();
	let code: string | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (current.response && typeof current.response.status === 'number') {
			return {
				status: current.response.status,
				headers: current.response.headers,
				body: current.response.data,
			};
		}
		if (typeof current.code === 'string' && /^E[A-Z]+|^ERR_/.test(current.code))
			code ??= current.code;
		current = current.cause as ErrorLike | undefined;
	}
	// n8n's NodeApiError keeps only the status (or the network code) as `httpCode`, and the body.
	const wrapped = error as (ErrorLike & { context?: { data?: unknown } }) | undefined;
	const httpCode = String(wrapped?.httpCode ?? '');
	if (!code && /^\d{3}$/.test(httpCode))
		return { status: Number(httpCode), body: wrapped?.context?.data };
	if (!code && /^E[A-Z]+/.test(httpCode)) code = httpCode;
	return { code: code ?? 'UNKNOWN' };
}
