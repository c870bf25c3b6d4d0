/**
 * The contract between the sandbox's HTTP pipeline (server, auth, OAuth, rate limits, faults,
 * validation, request log) and its GHL domain (store, seed, search, operation handlers).
 * The pipeline resolves every request to an operationId of the official spec, enforces what the
 * spec declares, then hands the request to the handler registered under that operationId.
 */

/** A token the sandbox accepts: a Private Integration Token or an OAuth access token. */
export interface TokenGrant {
	token: string;
	kind: 'pit' | 'oauth';
	/** Sub-account the token belongs to. */
	locationId: string;
	companyId: string;
	userId: string;
	scopes: string[];
	/** Epoch ms; undefined for PITs, which never expire. */
	expiresAt?: number;
	/** OAuth client the token was issued to; PITs count rate limits per token instead. */
	clientId?: string;
	/**
	 * OAuth tokens: GHL's `userType`. A Company (agency) token has an empty `locationId` and acts
	 * on the agency routes only; `viaAgency` marks a Location token exchanged from one.
	 */
	userType?: 'Company' | 'Location';
	viaAgency?: boolean;
}

export interface SandboxRequest {
	method: string;
	/** Path without the query string, e.g. `/contacts/abc/tasks`. */
	path: string;
	/** Path parameters named as in the spec (`contactId`, `taskId`, `id`, `type`, ...). */
	params: Record<string, string>;
	query: Record<string, string | string[]>;
	/** Parsed JSON body (undefined when none was sent). */
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	/** The authenticated token (every GHL route requires one). */
	grant: TokenGrant;
}

export interface HandlerResult {
	status: number;
	body: unknown;
}

/** The sandbox clock: real time plus an offset the control API can move. */
export interface Clock {
	now(): number;
	/** Moves the clock forward (or back, with a negative value) by `ms`. */
	advance(ms: number): void;
	/** Sets the clock so that now() returns `epochMs`, then keeps ticking. */
	set(epochMs: number): void;
}

export interface HandlerContext {
	clock: Clock;
	options: SandboxOptions;
}

export type Handler = (
	req: SandboxRequest,
	ctx: HandlerContext,
) => HandlerResult | Promise<HandlerResult>;

/**
 * Thrown by handlers and the pipeline; rendered in GHL's NestJS-style error shapes:
 * 400 `{statusCode, message}`, 401 `{statusCode, message, error: 'Unauthorized'}`,
 * 403 `{..., error: 'Forbidden'}`, 404 `{..., error: 'Not Found'}`,
 * 422 `{statusCode, message: string[], error: 'Unprocessable Entity'}`.
 */
export class GhlApiError extends Error {
	constructor(
		readonly status: number,
		readonly messages: string | string[],
		readonly extra: Record<string, unknown> = {},
	) {
		super(Array.isArray(messages) ? messages.join(', ') : messages);
	}
}

export interface FaultRule {
	/** Which calls the rule matches: an operationId (e.g. `search-contacts-advanced`) or `*`. */
	operationId: string;
	/** 1-based index of the matching call to fail (e.g. 3 = "the 3rd search call"); omit for every call. */
	nth?: number;
	/** What happens: a 5xx status, a connection reset, or a hang (no answer until the client gives up). */
	fault: 500 | 502 | 503 | 504 | 'reset' | 'hang';
	/** How many times the rule fires before it is spent (default 1). */
	times?: number;
	/**
	 * When true the handler runs first and the fault replaces its response: the write is done but
	 * the client never learns it (for "no duplicate write" tests). Default: the handler never runs.
	 */
	afterHandler?: boolean;
}

export interface SandboxOptions {
	host: string;
	/** 0 picks a free port. */
	port: number;
	/** Seed of the deterministic data generator. */
	seed: number;
	/** Number of contacts in the main location. */
	contacts: number;
	/** New or changed contacts reach search only this many ms later (0 = immediately). */
	indexLagMs: number;
	/**
	 * Added to every GHL answer; `tokenMs` to the OAuth token endpoint's answers only, after the
	 * grant is spent (a slow token endpoint widens the window in which two processes refresh).
	 */
	latency: { fixedMs: number; randomMs: number; tokenMs?: number };
	rateLimit: { burst: number; windowMs: number; daily: number };
	faults: {
		/** Probability per request of a 500/502/503/504. */
		errorRate: number;
		resetRate: number;
		hangRate: number;
		schedule: FaultRule[];
	};
	/** Lifetime of OAuth access tokens, in seconds (GHL: 86399). */
	accessTokenTtlSec: number;
	/** When true, every handler response is checked against the spec's response schema (a mismatch is a 500 and a logged error). */
	validateResponses: boolean;
	/** Send `Retry-After` (seconds) on 429s; GHL documents none, so clients are tested both ways (default true). */
	retryAfter?: boolean;
	/** The OAuth authorize page approves at once and redirects (tests); off, it shows a consent page. */
	autoApprove?: boolean;
	/** What an approval at once chooses: the main sub-account (default) or the agency. */
	autoApproveAs?: 'location' | 'company';
	/** Lifetime of the sub-account tokens `POST /oauth/locationToken` issues, in seconds (GHL: a day). */
	locationTokenTtlSec?: number;
}

export interface SandboxCredentials {
	mainLocationId: string;
	otherLocationId: string;
	companyId: string;
	/** Private Integration Tokens configured at start. */
	tokens: {
		/** contacts.readonly + contacts.write + every picker and trigger scope, main location. */
		readWrite: string;
		/** contacts.readonly only, main location. */
		readOnly: string;
		/** contacts.readonly + contacts.write, for the other location. */
		otherLocation: string;
	};
	oauthClient: { clientId: string; clientSecret: string };
}

export interface LoggedRequest {
	at: number;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** Headers with the Authorization token redacted (`Bearer <redacted:last4>`). */
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	operationId?: string;
	status: number;
	/** The kind of token the request carried, when the sandbox issued it (never the token). */
	tokenType?: 'pit' | 'Location' | 'Company';
	/** The sub-account of that token. */
	tokenLocationId?: string;
}

export interface RunningSandbox extends SandboxCredentials {
	url: string;
	options: SandboxOptions;
	close(): Promise<void>;
}
