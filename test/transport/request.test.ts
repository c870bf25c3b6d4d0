import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { GhlConnection, GhlContext } from '../../nodes/shared/transport/connection';
import { RateLimitPacer } from '../../nodes/shared/transport/rateLimit';
import {
	ghlApiRequest,
	type GhlRequest,
	type TransportSettings,
} from '../../nodes/shared/transport/request';
import { DEFAULT_RETRY_POLICY } from '../../nodes/shared/transport/retry';

const node: INode = {
	id: 'n',
	name: 'GHL Contacts',
	type: 'n8n-nodes-ghl-contacts.ghlContacts',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A write, which the transport must never send twice. */
const CREATE_NOTE: GhlRequest = {
	operationId: 'create-note',
	label: 'Create Note',
	pathParams: { contactId: 'c1' },
	body: { body: 'x' },
};

const connection: GhlConnection = {
	credentialType: 'ghlApi',
	credentialId: 'cred',
	baseUrl: 'http://sandbox.test',
	locationId: 'loc1',
	grantedScopes: new Set(['contacts.readonly', 'contacts.write']),
	budgetKey: 'cred:loc1',
	secrets: [],
};

const limitHeaders = (remaining: number, dailyRemaining = 1000) => ({
	'x-ratelimit-max': '100',
	'x-ratelimit-remaining': String(remaining),
	'x-ratelimit-interval-milliseconds': '10000',
	'x-ratelimit-limit-daily': '200000',
	'x-ratelimit-daily-remaining': String(dailyRemaining),
});

type Reply =
	| { status: number; body?: unknown; headers?: Record<string, string> }
	| { network: string };

/**
 * A fake n8n context whose request helper answers from a script and records what it was asked;
 * like n8n's, it resolves error statuses when asked to ignore them and throws a NodeApiError otherwise.
 */
function fakeContext(replies: Reply[]) {
	const sent: Array<{
		method: string;
		url: string;
		body: unknown;
		headers: Record<string, string>;
	}> = [];
	const httpRequestWithAuthentication = jest.fn(
		async (_type: string, options: Record<string, unknown>) => {
			sent.push({
				method: String(options.method),
				url: String(options.url),
				body: options.body,
				headers: options.headers as Record<string, string>,
			});
			const reply = replies.shift();
			if (!reply) throw new Error('No scripted reply left');
			if ('network' in reply) throw Object.assign(new Error('socket'), { code: reply.network });
			if (reply.status >= 400 && !options.ignoreHttpStatusErrors) {
				const axiosLike = Object.assign(new Error(`status ${reply.status}`), {
					response: { status: reply.status, headers: reply.headers ?? {}, data: reply.body },
				});
				// n8n wraps the axios error; the transport must still find the response inside.
				throw new NodeApiError(node, axiosLike as never);
			}
			return { body: reply.body, headers: reply.headers ?? {}, statusCode: reply.status };
		},
	);
	const ctx = {
		getNode: () => node,
		helpers: { httpRequestWithAuthentication },
	} as unknown as GhlContext;
	return { ctx, sent, httpRequestWithAuthentication };
}

function fakeClock() {
	let now = 1_000_000;
	const sleeps: number[] = [];
	return {
		sleeps,
		clock: {
			now: () => now,
			sleep: async (ms: number) => {
				sleeps.push(ms);
				now += ms;
			},
			// A deadline that never expires unless a test says so; it lets go when aborted.
			timer: async (_ms: number, signal: AbortSignal) =>
				await new Promise<void>((_resolve, reject) => {
					signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
				}),
			random: () => 0.5,
		},
	};
}

function settings(clock: TransportSettings['clock']): TransportSettings {
	return { clock, retry: DEFAULT_RETRY_POLICY, pacer: new RateLimitPacer() };
}

describe('ghlApiRequest', () => {
	it('sends the spec method and path with the Version header and returns the body', async () => {
		const { ctx, sent } = fakeContext([
			{ status: 200, body: { contact: { id: 'c1' } }, headers: limitHeaders(99) },
		]);
		const { clock } = fakeClock();
		const body = await ghlApiRequest.call(
			ctx,
			connection,
			{ operationId: 'get-contact', label: 'Get Contact', pathParams: { contactId: 'c1' } },
			settings(clock),
		);
		expect(body).toEqual({ contact: { id: 'c1' } });
		expect(sent).toEqual([
			expect.objectContaining({
				method: 'GET',
				url: 'http://sandbox.test/contacts/c1',
				headers: expect.objectContaining({ Version: '2021-07-28' }),
			}),
		]);
	});

	it('refuses before sending when the credential lacks the scope', async () => {
		const { ctx, httpRequestWithAuthentication } = fakeContext([]);
		const readOnly = { ...connection, grantedScopes: new Set(['contacts.readonly']) };
		const call = ghlApiRequest.call(ctx, readOnly, {
			operationId: 'create-task',
			label: 'Create Task',
			pathParams: { contactId: 'c1' },
			body: { title: 't' },
		});
		await expect(call).rejects.toThrow(NodeOperationError);
		await expect(call).rejects.toThrow(/Create Task needs the scope contacts\.write/);
		expect(httpRequestWithAuthentication).not.toHaveBeenCalled();
	});

	it('refuses an ID that would change the path, before sending', async () => {
		const { ctx, httpRequestWithAuthentication } = fakeContext([]);
		await expect(
			ghlApiRequest.call(ctx, connection, {
				operationId: 'get-contact',
				label: 'Get Contact',
				pathParams: { contactId: '../users' },
			}),
		).rejects.toThrow(/contactId/);
		expect(httpRequestWithAuthentication).not.toHaveBeenCalled();
	});

	it('rides out a 429 storm with backoff and succeeds, honouring Retry-After', async () => {
		const { ctx, sent } = fakeContext([
			{
				status: 429,
				body: { message: 'Too Many Requests' },
				headers: { ...limitHeaders(0), 'retry-after': '2' },
			},
			{ status: 429, body: { message: 'Too Many Requests' }, headers: limitHeaders(5) },
			{ status: 201, body: { task: { id: 't1' } }, headers: limitHeaders(4) },
		]);
		const { clock, sleeps } = fakeClock();
		const body = await ghlApiRequest.call(
			ctx,
			connection,
			{
				operationId: 'create-task',
				label: 'Create Task',
				pathParams: { contactId: 'c1' },
				body: { title: 't' },
			},
			settings(clock),
		);
		expect(body).toEqual({ task: { id: 't1' } });
		expect(sent).toHaveLength(3);
		// 2 s from Retry-After plus a little jitter, then plain backoff for the second 429.
		expect(sleeps[0]).toBeGreaterThanOrEqual(2_000);
		expect(sleeps[0]).toBeLessThan(2_500);
		expect(sleeps[1]).toBe(750);
	});

	it('gives up after the bounded number of 429s with a rate-limit error', async () => {
		const replies = Array.from({ length: 5 }, () => ({
			status: 429,
			body: { message: 'Too Many Requests' },
		}));
		const { ctx, sent } = fakeContext(replies);
		const { clock } = fakeClock();
		const call = ghlApiRequest.call(
			ctx,
			connection,
			{ operationId: 'get-contact', label: 'Get Contact', pathParams: { contactId: 'c1' } },
			settings(clock),
		);
		await expect(call).rejects.toThrow(NodeApiError);
		await expect(call).rejects.toMatchObject({ httpCode: '429' });
		expect(sent).toHaveLength(DEFAULT_RETRY_POLICY.maxAttempts);
	});

	it('stops at once when the daily budget is spent', async () => {
		const { ctx, sent } = fakeContext([
			{ status: 429, body: { message: 'Too Many Requests' }, headers: limitHeaders(50, 0) },
		]);
		const { clock, sleeps } = fakeClock();
		await expect(
			ghlApiRequest.call(
				ctx,
				connection,
				{ operationId: 'get-contact', label: 'Get Contact', pathParams: { contactId: 'c1' } },
				settings(clock),
			),
		).rejects.toThrow(/daily request limit/);
		expect(sent).toHaveLength(1);
		expect(sleeps).toEqual([]);
	});

	it('never resends a POST after a 500 (it may have been processed)', async () => {
		const { ctx, sent } = fakeContext([{ status: 500, body: { message: 'Internal error' } }]);
		const { clock } = fakeClock();
		await expect(ghlApiRequest.call(ctx, connection, CREATE_NOTE, settings(clock))).rejects.toThrow(
			/Create Note failed: Internal error/,
		);
		expect(sent).toHaveLength(1);
	});

	it('retries an idempotent GET after a reset connection and a 502', async () => {
		const { ctx, sent } = fakeContext([
			{ network: 'ECONNRESET' },
			{ status: 502, body: { message: 'Bad Gateway' } },
			{ status: 200, body: { tasks: [] } },
		]);
		const { clock } = fakeClock();
		const body = await ghlApiRequest.call(
			ctx,
			connection,
			{ operationId: 'get-all-tasks', label: 'Get Many Tasks', pathParams: { contactId: 'c1' } },
			settings(clock),
		);
		expect(body).toEqual({ tasks: [] });
		expect(sent).toHaveLength(3);
	});

	it('waits for the window instead of sending when the burst budget is spent', async () => {
		const { ctx, sent } = fakeContext([
			{ status: 200, body: { contact: {} }, headers: limitHeaders(0) },
			{ status: 200, body: { contact: {} }, headers: limitHeaders(99) },
		]);
		const { clock, sleeps } = fakeClock();
		const transport = settings(clock);
		const request = {
			operationId: 'get-contact',
			label: 'Get Contact',
			pathParams: { contactId: 'c1' },
		} as const;
		await ghlApiRequest.call(ctx, connection, request, transport);
		await ghlApiRequest.call(ctx, connection, request, transport);
		expect(sent).toHaveLength(2);
		expect(sleeps).toEqual([10_000]);
	});

	it('joins a 422 message array and never shows the token', async () => {
		const { ctx } = fakeContext([
			{
				status: 422,
				body: {
					statusCode: 422,
					message: ['title should not be empty', 'Bearer pit-abc-123 leaked'],
				},
			},
		]);
		const { clock } = fakeClock();
		const error = (await ghlApiRequest
			.call(
				ctx,
				connection,
				{
					operationId: 'create-task',
					label: 'Create Task',
					pathParams: { contactId: 'c1' },
					body: {},
				},
				settings(clock),
			)
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toContain('title should not be empty; Bearer <redacted> leaked');
		expect(JSON.stringify(error)).not.toContain('pit-abc-123');
		expect(error.httpCode).toBe('422');
	});
});

describe('every wait has a ceiling', () => {
	const getContact = {
		operationId: 'get-contact',
		label: 'Get Contact',
		pathParams: { contactId: 'c1' },
	} as const;
	const { maxWaitMs } = DEFAULT_RETRY_POLICY;

	it.each([
		['ten years', String(10 * 365 * 24 * 3600 * 1000)],
		['Infinity', 'Infinity'],
	])(
		'a spent window of %s holds the credential for the ceiling at most, then a request probes',
		async (_name, interval) => {
			const { ctx, sent } = fakeContext([
				{
					status: 200,
					body: { contact: {} },
					headers: { ...limitHeaders(0), 'x-ratelimit-interval-milliseconds': interval },
				},
				{ status: 200, body: { contact: { id: 'c1' } }, headers: limitHeaders(99) },
			]);
			const { clock, sleeps } = fakeClock();
			const transport = settings(clock);
			await ghlApiRequest.call(ctx, connection, getContact, transport);
			const body = await ghlApiRequest.call(ctx, connection, getContact, transport);
			expect(body).toEqual({ contact: { id: 'c1' } });
			expect(sent).toHaveLength(2);
			expect(sleeps.reduce((a, b) => a + b, 0)).toBe(maxWaitMs);
		},
	);

	it.each([
		['3600 seconds', { 'retry-after': '3600' }, '3601 s'],
		[
			'an HTTP date 20 days ahead',
			{ 'retry-after': new Date(1_000_000 + 20 * 86_400_000).toUTCString() },
			'1728001 s',
		],
		[
			'a spent window of Infinity',
			{ ...limitHeaders(0), 'x-ratelimit-interval-milliseconds': 'Infinity' },
			'forever',
		],
	])(
		'a 429 asking for %s fails the item at once, and sends nothing more',
		async (_name, headers, asked) => {
			const { ctx, sent } = fakeContext([
				{ status: 429, body: { message: 'Too Many Requests' }, headers },
				{ status: 200, body: { contact: {} } },
			]);
			const { clock, sleeps } = fakeClock();
			const error = await ghlApiRequest
				.call(ctx, connection, getContact, settings(clock))
				.catch((e: unknown) => e as Error);
			// GHL's own answer, with its status (and Retry-After) where n8n's poll backoff looks.
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as NodeApiError).httpCode).toBe('429');
			expect((error as Error).message).toBe(
				`Get Contact failed: GHL's rate-limit headers ask to wait ${asked} before sending it again, longer than the node waits (60 s)`,
			);
			const retryAfter = (headers as Record<string, string>)['retry-after'];
			if (retryAfter) {
				expect(error).toMatchObject({
					response: { status: 429, headers: { 'retry-after': retryAfter } },
				});
			}
			expect(sent).toHaveLength(1);
			expect(sleeps).toEqual([]);
		},
	);

	it('never sleeps longer than the ceiling in a 429 storm of Retry-After beyond it', async () => {
		const replies = Array.from({ length: 5 }, () => ({
			status: 429,
			body: { message: 'Too Many Requests' },
			headers: { ...limitHeaders(0), 'retry-after': String(2 ** 31) },
		}));
		const { ctx, sent } = fakeContext(replies);
		const { clock, sleeps } = fakeClock();
		const transport = settings(clock);
		await expect(ghlApiRequest.call(ctx, connection, getContact, transport)).rejects.toThrow(
			/ask to wait/,
		);
		// The credential is held for the ceiling, not 68 years: the next request waits and probes.
		await expect(ghlApiRequest.call(ctx, connection, getContact, transport)).rejects.toThrow(
			/ask to wait/,
		);
		expect(sent).toHaveLength(2);
		expect(sleeps.every((ms) => ms <= maxWaitMs)).toBe(true);
		expect(sleeps.reduce((a, b) => a + b, 0)).toBe(maxWaitMs);
	});

	/** A server that never answers, and settings under which every deadline expires at once. */
	const neverAnswers = () => {
		const hung = jest.fn(() => new Promise<never>(() => undefined));
		const ctx = {
			getNode: () => node,
			helpers: { httpRequestWithAuthentication: hung },
		} as unknown as GhlContext;
		const { clock } = fakeClock();
		return { hung, ctx, expiring: settings({ ...clock, timer: async () => undefined }) };
	};

	it('gives an attempt a deadline for the whole answer: a GET that never completes fails after 5 timed-out attempts', async () => {
		const { hung, ctx, expiring } = neverAnswers();
		const error = (await ghlApiRequest
			.call(ctx, connection, getContact, expiring)
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('Get Contact failed: GHL did not send its whole answer in time');
		expect(error.description).toMatch(/deadline for the whole answer/);
		expect(hung).toHaveBeenCalledTimes(DEFAULT_RETRY_POLICY.maxAttempts);
	}, 5_000);

	it('does not resend a create whose answer missed the deadline (it may have been processed)', async () => {
		const { hung, ctx, expiring } = neverAnswers();
		await expect(ghlApiRequest.call(ctx, connection, CREATE_NOTE, expiring)).rejects.toThrow(
			'Create Note failed: GHL did not send its whole answer in time',
		);
		expect(hung).toHaveBeenCalledTimes(1);
	}, 5_000);
});

describe('a spent daily budget comes back', () => {
	const getContact = {
		operationId: 'get-contact',
		label: 'Get Contact',
		pathParams: { contactId: 'c1' },
	} as const;
	const spent = {
		status: 429,
		body: { message: 'Too Many Requests' },
		headers: limitHeaders(50, 0),
	};

	function clockAt() {
		const fake = fakeClock();
		let offset = 0;
		return {
			...fake,
			advance: (ms: number) => (offset += ms),
			clock: { ...fake.clock, now: () => fake.clock.now() + offset },
		};
	}

	it('refuses without sending until a quarter hour has passed, then one request probes and work resumes', async () => {
		const { ctx, sent } = fakeContext([
			spent,
			{ status: 200, body: { contact: { id: 'c1' } }, headers: limitHeaders(99, 199_999) },
			{ status: 200, body: { contact: { id: 'c1' } }, headers: limitHeaders(98, 199_998) },
		]);
		const { clock, advance } = clockAt();
		const transport = settings(clock);
		await expect(ghlApiRequest.call(ctx, connection, getContact, transport)).rejects.toThrow(
			/daily request limit/,
		);
		advance(14 * 60_000);
		await expect(ghlApiRequest.call(ctx, connection, getContact, transport)).rejects.toThrow(
			`Get Contact was not sent: GHL's daily request limit for this location is used up (200000 requests a day). No request was sent; the node asks GHL again from ${new Date(1_000_000 + 15 * 60_000).toISOString()}`,
		);
		expect(sent).toHaveLength(1);
		advance(60_000);
		expect(await ghlApiRequest.call(ctx, connection, getContact, transport)).toEqual({
			contact: { id: 'c1' },
		});
		expect(await ghlApiRequest.call(ctx, connection, getContact, transport)).toEqual({
			contact: { id: 'c1' },
		});
		expect(sent).toHaveLength(3);
	});

	it('a probe that finds the budget still spent waits another quarter hour before the next', async () => {
		const { ctx, sent } = fakeContext([
			spent,
			spent,
			{ status: 200, body: { contact: { id: 'c1' } }, headers: limitHeaders(99, 199_999) },
		]);
		const { clock, advance } = clockAt();
		const transport = settings(clock);
		const call = async () => await ghlApiRequest.call(ctx, connection, getContact, transport);
		await expect(call()).rejects.toThrow(/daily request limit/);
		advance(15 * 60_000);
		await expect(call()).rejects.toThrow(/daily request limit/);
		expect(sent).toHaveLength(2);
		advance(10 * 60_000);
		await expect(call()).rejects.toThrow(/daily request limit/);
		expect(sent).toHaveLength(2);
		advance(5 * 60_000);
		expect(await call()).toEqual({ contact: { id: 'c1' } });
		expect(sent).toHaveLength(3);
	});
});

describe("a connection's own deadline (a poll's)", () => {
	const getContact = {
		operationId: 'get-contact',
		label: 'Get Contact',
		pathParams: { contactId: 'c1' },
	} as const;

	it('shortens the attempt deadline to what is left, and retries nothing past it', async () => {
		const { ctx, sent } = fakeContext([
			{ status: 503, body: { message: 'Service Unavailable' }, headers: { 'retry-after': '8' } },
			{ status: 200, body: { contact: { id: 'c1' } } },
		]);
		const fake = fakeClock();
		const deadlines: number[] = [];
		const clock = {
			...fake.clock,
			timer: async (ms: number, signal: AbortSignal) => {
				deadlines.push(ms);
				return await fake.clock.timer(ms, signal);
			},
		};
		const polling = { ...connection, deadlineAt: clock.now() + 5_000 };
		const error = (await ghlApiRequest
			.call(ctx, polling, getContact, settings(clock))
			.catch((e: unknown) => e)) as NodeApiError;
		expect(deadlines).toEqual([5_000]);
		// The 8 s Retry-After would end past the deadline: the 503 is the answer, at once.
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('503');
		expect(sent).toHaveLength(1);
		expect(fake.sleeps).toEqual([]);
	});

	it('sends nothing when the rate-limit wait would end past the deadline', async () => {
		const { ctx, sent } = fakeContext([
			{ status: 200, body: { contact: {} }, headers: limitHeaders(0) },
			{ status: 200, body: { contact: { id: 'c1' } } },
		]);
		const { clock, sleeps } = fakeClock();
		const transport = settings(clock);
		await ghlApiRequest.call(ctx, connection, getContact, transport);
		const polling = { ...connection, deadlineAt: clock.now() + 3_000 };
		await expect(ghlApiRequest.call(ctx, polling, getContact, transport)).rejects.toThrow(
			"Get Contact was not sent: GHL's rate limit asks to wait 10 s, past the end of this poll",
		);
		expect(sent).toHaveLength(1);
		expect(sleeps).toEqual([]);
	});
});

describe('an OAuth2 refresh that GHL refuses (another process spent the refresh token)', () => {
	const oauthConnection: GhlConnection = { ...connection, credentialType: 'ghlOAuth2Api' };
	const expired = { status: 401, body: { statusCode: 401, message: 'Invalid JWT' } };

	/** The fake context with a credential store whose access token changes after `readsBefore` reads. */
	function withStore(replies: Reply[], readsBefore: number) {
		const fake = fakeContext(replies);
		let reads = 0;
		const getCredentials = jest.fn(async () => ({
			oauthTokenData: {
				access_token: ++reads > readsBefore ? 'access-token-stored-by-another-worker' : 'expired',
				refresh_token: 'refresh-token-spent-elsewhere',
			},
		}));
		const refreshOAuth2Token = jest.fn(async () => {
			throw new NodeApiError(node, { message: 'HTTP status 400' }, { httpCode: '400' });
		});
		Object.assign(fake.ctx, { getCredentials });
		Object.assign(fake.ctx.helpers, { refreshOAuth2Token });
		return { ...fake, refreshOAuth2Token };
	}

	it('adopts the tokens the other process stores a little later, and sends the write once more', async () => {
		// Reads: before the refresh, then after waiting 0, 100 and 200 ms: the third finds them.
		const { ctx, sent, refreshOAuth2Token } = withStore(
			[expired, expired, { status: 201, body: { note: { id: 'n1' } } }],
			3,
		);
		const { clock, sleeps } = fakeClock();
		const answer = await ghlApiRequest.call(ctx, oauthConnection, CREATE_NOTE, settings(clock));
		expect(answer).toEqual({ note: { id: 'n1' } });
		expect(refreshOAuth2Token).toHaveBeenCalledTimes(1);
		expect(sleeps).toEqual([100, 200]);
		expect(sent).toHaveLength(3);
	});

	it('when no new tokens arrive: one refresh, 3.1 s of waiting, then an error that says to reconnect', async () => {
		const { ctx, sent, refreshOAuth2Token } = withStore([expired, expired], Infinity);
		const { clock, sleeps } = fakeClock();
		const error = (await ghlApiRequest
			.call(ctx, oauthConnection, CREATE_NOTE, settings(clock))
			.catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe(
			'Create Note failed: the OAuth2 access token expired and could not be refreshed (GHL answered 400)',
		);
		expect(error.description).toMatch(/Reconnect the OAuth2 credential/);
		expect(refreshOAuth2Token).toHaveBeenCalledTimes(1);
		expect(sleeps).toEqual([100, 200, 400, 800, 1_600]);
		expect(sent).toHaveLength(2);
	});
});
