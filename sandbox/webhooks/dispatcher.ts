import { randomUUID } from 'node:crypto';

import type { WorldChange } from '../domain';
import { OAUTH_CLIENT_ID } from '../identities';
import type { Clock } from '../types';
import { eventsOf, isAppEvent, type EventData, type SubscribableEvent } from './events';
import { sandboxKeys, signatureHeaders, type SignatureSchemes, type SigningKeys } from './keys';

/** GHL's ids: the app is the client id's first part; the sandbox app has one fixed version. */
export const SANDBOX_APP_ID = OAUTH_CLIENT_ID.split('-')[0];
export const SANDBOX_VERSION_ID = '6650c0ffee0000000000000b';

export interface Subscription {
	id: string;
	url: string;
	events: SubscribableEvent[];
	/** Which signature headers deliveries carry (GHL sends both until the legacy one retires). */
	signatures: SignatureSchemes;
}

export interface DeliveryPolicy {
	/** Attempts after the first one, for non-2xx answers and network errors. */
	retries: number;
	/** Delay before retry n is `baseDelayMs * 2^(n-1)`. */
	baseDelayMs: number;
	/** An attempt with no answer after this long counts as failed. */
	timeoutMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
	retries: 6,
	baseDelayMs: 10_000,
	timeoutMs: 10_000,
};

export interface DeliveryAttempt {
	at: number;
	/** The receiver's status; absent when the request failed (see `error`). */
	status?: number;
	error?: string;
}

export interface Delivery {
	webhookId: string;
	event: string;
	subscriptionId: string;
	url: string;
	/** The exact bytes sent (and signed), as text. */
	body: string;
	headers: Record<string, string>;
	attempts: DeliveryAttempt[];
	state: 'pending' | 'delivered' | 'failed';
}

/** How to send a payload: as signed (default), with forged signatures, or to one subscription. */
export interface SendOptions {
	keys?: SigningKeys;
	only?: Subscription;
}

/**
 * Sends GHL's webhooks: for every change of the sandbox's data, the matching events go to every
 * subscription that wants them, signed over the exact bytes sent, retried with backoff until a
 * 2xx answer or the retries run out. Retries resend the same bytes (same `webhookId`), as GHL does.
 */
export class WebhookDispatcher {
	readonly subscriptions: Subscription[] = [];
	readonly deliveries: Delivery[] = [];
	policy: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY };
	private readonly timers = new Set<NodeJS.Timeout>();
	private nextId = 1;

	constructor(
		private readonly clock: Clock,
		readonly keys: SigningKeys = sandboxKeys(),
	) {}

	subscribe(url: string, events: SubscribableEvent[], signatures: SignatureSchemes): Subscription {
		const subscription = { id: `sub-${this.nextId++}`, url, events, signatures };
		this.subscriptions.push(subscription);
		return subscription;
	}

	unsubscribe(id: string): boolean {
		const index = this.subscriptions.findIndex((s) => s.id === id);
		if (index >= 0) this.subscriptions.splice(index, 1);
		return index >= 0;
	}

	/** Subscriptions, deliveries and pending retries dropped; keys and policy stay. */
	reset(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.subscriptions.length = 0;
		this.deliveries.length = 0;
	}

	changed(change: WorldChange): void {
		for (const data of eventsOf(change)) this.send(data);
	}

	/** Wraps `data` in GHL's envelope as of `at` (epoch ms; default now). */
	envelope(data: EventData, at = this.clock.now()): Record<string, unknown> {
		if (isAppEvent(data.type)) {
			const { type, ...fields } = data;
			return { type, appId: SANDBOX_APP_ID, ...fields };
		}
		return {
			...data,
			appId: SANDBOX_APP_ID,
			versionId: SANDBOX_VERSION_ID,
			timestamp: new Date(at).toISOString(),
			webhookId: randomUUID(),
		};
	}

	/** Sends one event to the subscriptions that want it; returns the deliveries started. */
	send(data: EventData, payload = this.envelope(data), options: SendOptions = {}): Delivery[] {
		const targets = options.only
			? [options.only]
			: this.subscriptions.filter((s) => s.events.includes(data.type));
		const body = Buffer.from(JSON.stringify(payload));
		return targets.map((subscription) =>
			this.start({
				webhookId: String(payload.webhookId),
				event: data.type,
				subscriptionId: subscription.id,
				url: subscription.url,
				body: body.toString(),
				headers: {
					'content-type': 'application/json',
					...signatureHeaders(body, options.keys ?? this.keys, subscription.signatures),
				},
				attempts: [],
				state: 'pending',
			}),
		);
	}

	/** Sends a past delivery again, byte for byte: what an attacker replaying a capture does. */
	replay(original: Delivery): Delivery {
		return this.start({
			...original,
			headers: { ...original.headers },
			attempts: [],
			state: 'pending',
		});
	}

	private start(delivery: Delivery): Delivery {
		this.deliveries.push(delivery);
		void this.attempt(delivery);
		return delivery;
	}

	private async attempt(delivery: Delivery): Promise<void> {
		const attempt: DeliveryAttempt = { at: this.clock.now() };
		try {
			const response = await fetch(delivery.url, {
				method: 'POST',
				headers: delivery.headers,
				body: delivery.body,
				signal: AbortSignal.timeout(this.policy.timeoutMs),
			});
			await response.arrayBuffer();
			attempt.status = response.status;
		} catch (error) {
			attempt.error = (error as Error).message;
		}
		delivery.attempts.push(attempt);
		if (attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300) {
			delivery.state = 'delivered';
			return;
		}
		const retry = delivery.attempts.length;
		if (retry > this.policy.retries || !this.deliveries.includes(delivery)) {
			delivery.state = 'failed';
			return;
		}
		const timer = setTimeout(
			() => {
				this.timers.delete(timer);
				void this.attempt(delivery);
			},
			this.policy.baseDelayMs * 2 ** (retry - 1),
		);
		// A pending retry must not keep a test process (or a closing sandbox) alive.
		timer.unref();
		this.timers.add(timer);
	}
}
