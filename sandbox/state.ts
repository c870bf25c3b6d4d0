import { SandboxClock } from './clock';
import { createDomain } from './domain';
import type { Domain, WorldChange } from './domain';
import { FaultInjector } from './faults';
import { agencyHandlers } from './agency';
import { Installs } from './installs';
import { OAuthServer } from './oauth';
import { RateLimiter } from './rateLimit';
import { RequestLog } from './requestLog';
import { Router } from './router';
import { TokenStore } from './tokens';
import type { Handler, SandboxOptions } from './types';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { appEvent } from './webhooks/events';

/** A domain, or how to make one from the sandbox's options and clock. */
export type DomainSource =
	| Domain
	| ((
			options: SandboxOptions,
			clock: SandboxClock,
			onChange: (change: WorldChange) => void,
	  ) => Domain);

/** Everything a running sandbox holds, and how to put it back as it started. */
export class SandboxState {
	readonly clock = new SandboxClock();
	readonly domain: Domain;
	readonly router: Router;
	readonly tokens = new TokenStore();
	readonly log = new RequestLog();
	/** Sends the webhooks of every data change; subscriptions come through the control API. */
	readonly webhooks = new WebhookDispatcher(this.clock);
	readonly limiter: RateLimiter;
	readonly faults: FaultInjector;
	readonly oauth: OAuthServer;
	/** The agency's sub-accounts and the app's installs in them. */
	readonly installs = new Installs(
		() => this.clock.now(),
		(event, locationId) => this.webhooks.send(appEvent(event, locationId)),
	);
	readonly agencyHandlers: Record<string, Handler>;
	private readonly initialFaults: SandboxOptions['faults'];

	/** `options` is live: the control API changes it in place and every part reads it per request. */
	constructor(
		readonly options: Required<SandboxOptions>,
		domain: DomainSource = createDomain,
	) {
		this.initialFaults = structuredClone(options.faults);
		this.domain =
			typeof domain === 'function'
				? domain(options, this.clock, (change) => this.webhooks.changed(change))
				: domain;
		this.agencyHandlers = agencyHandlers(this.tokens, this.installs, this.clock, options);
		this.router = new Router([
			...Object.keys(this.domain.handlers),
			...Object.keys(this.agencyHandlers),
		]);
		this.limiter = new RateLimiter(this.clock, options);
		this.faults = new FaultInjector(options);
		this.oauth = new OAuthServer(this.tokens, this.clock, options, this.installs);
	}

	/**
	 * Data, log, counters, faults, tokens and webhook subscriptions as at start. The clock keeps its time and the runtime
	 * configuration (`PUT /config`) stays, so a changed index lag takes effect in the fresh world.
	 */
	reset(): void {
		this.options.faults = structuredClone(this.initialFaults);
		this.domain.reset();
		this.log.reset();
		this.limiter.reset();
		this.faults.restart();
		this.tokens.reset();
		this.oauth.reset();
		this.installs.reset();
		this.webhooks.reset();
	}
}
