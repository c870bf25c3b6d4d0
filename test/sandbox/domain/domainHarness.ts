import { createDomain } from '../../../sandbox/domain';
import type { Domain } from '../../../sandbox/domain';
import {
	CONTACT_SCOPES,
	COMPANY_ID,
	EXTRA_SCOPES,
	MAIN_LOCATION_ID,
	OTHER_LOCATION_ID,
	OWNER_USER_ID,
	PIT_READ_WRITE,
} from '../../../sandbox/identities';
import { GhlApiError } from '../../../sandbox/types';
import type { Clock, HandlerResult, SandboxOptions, TokenGrant } from '../../../sandbox/types';

export const START = Date.parse('2026-06-01T12:00:00.000Z');

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
	constructor(private current = START) {}
	now(): number {
		return this.current;
	}
	advance(ms: number): void {
		this.current += ms;
	}
	set(epochMs: number): void {
		this.current = epochMs;
	}
}

export function testOptions(overrides: Partial<SandboxOptions> = {}): SandboxOptions {
	return {
		host: '127.0.0.1',
		port: 0,
		seed: 42,
		contacts: 60,
		indexLagMs: 0,
		latency: { fixedMs: 0, randomMs: 0 },
		rateLimit: { burst: 1000, windowMs: 10000, daily: 100000 },
		faults: { errorRate: 0, resetRate: 0, hangRate: 0, schedule: [] },
		accessTokenTtlSec: 86399,
		validateResponses: false,
		...overrides,
	};
}

export function grantFor(locationId: string = MAIN_LOCATION_ID): TokenGrant {
	return {
		token: PIT_READ_WRITE,
		kind: 'pit',
		locationId,
		companyId: COMPANY_ID,
		userId: OWNER_USER_ID,
		scopes: [...CONTACT_SCOPES, ...EXTRA_SCOPES],
	};
}

export interface CallInput {
	params?: Record<string, string>;
	query?: Record<string, string | string[]>;
	body?: unknown;
	locationId?: string;
}

/** A domain driven the way the pipeline drives it: operationId + request, with a manual clock. */
export class DomainHarness {
	readonly clock: ManualClock;
	readonly options: SandboxOptions;
	readonly domain: Domain;

	constructor(overrides: Partial<SandboxOptions> = {}, clock = new ManualClock()) {
		this.clock = clock;
		this.options = testOptions(overrides);
		this.domain = createDomain(this.options, clock);
	}

	call(operationId: string, input: CallInput = {}): HandlerResult {
		const handler = this.domain.handlers[operationId];
		if (!handler) throw new Error(`no handler for ${operationId}`);
		const result = handler(
			{
				method: 'X',
				path: '/',
				params: input.params ?? {},
				query: input.query ?? {},
				body: input.body,
				headers: { host: 'sandbox.test' },
				grant: grantFor(input.locationId),
			},
			{ clock: this.clock, options: this.options },
		);
		if (result instanceof Promise) throw new Error('domain handlers answer synchronously');
		return result;
	}

	/** The body of a successful call; fails the test on an API error. */
	ok<T = any>(operationId: string, input: CallInput = {}, status = 200): T {
		const result = this.call(operationId, input);
		expect(result.status).toBe(status);
		return result.body as T;
	}

	/** The API error a call throws. */
	fail(operationId: string, input: CallInput = {}): GhlApiError {
		try {
			this.call(operationId, input);
		} catch (error) {
			if (error instanceof GhlApiError) return error;
			throw error;
		}
		throw new Error(`${operationId} succeeded; an API error was expected`);
	}

	control(method: string, path: string, body?: unknown): HandlerResult {
		for (const route of this.domain.controlRoutes) {
			if (route.method !== method) continue;
			const names: string[] = [];
			const pattern = new RegExp(
				`^${route.path.replace(/:(\w+)/g, (_m, name: string) => (names.push(name), '([^/]+)'))}$`,
			);
			const match = pattern.exec(path);
			if (!match) continue;
			const params = Object.fromEntries(names.map((name, i) => [name, match[i + 1]]));
			return route.handle({ params, query: {}, body });
		}
		throw new Error(`no control route ${method} ${path}`);
	}

	/** A contact of the main location, created through the control API with the given fields. */
	seedContact(fields: Record<string, unknown> = {}): any {
		return (this.control('POST', '/contacts', fields).body as { contact: unknown }).contact;
	}

	search(body: Record<string, unknown>): { contacts: any[]; total: number } {
		return this.ok('search-contacts-advanced', { body: { locationId: MAIN_LOCATION_ID, ...body } });
	}
}

export { MAIN_LOCATION_ID, OTHER_LOCATION_ID, OWNER_USER_ID };
