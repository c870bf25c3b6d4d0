import type { ControlRequest, ControlRoute } from '../domain';
import { MAIN_LOCATION_ID } from '../identities';
import type { Clock } from '../types';
import { GhlApiError } from '../types';
import type { Delivery, WebhookDispatcher } from './dispatcher';
import {
	isWebhookEvent,
	SUBSCRIBABLE_EVENTS,
	WEBHOOK_EVENTS,
	type SubscribableEvent,
} from './events';
import { generateSigningKeys, publicKeysPem, type SignatureSchemes } from './keys';
import { sampleEvent } from './samples';

const invalid = (message: string) => new GhlApiError(400, message);

const SCHEMES: SignatureSchemes[] = ['both', 'ed25519', 'rsa'];
const FORGERIES = ['signature', 'replay', 'stale'] as const;
type Forgery = (typeof FORGERIES)[number];

/** How old a `stale` send's timestamp is unless the request says (GHL's window is 5 minutes). */
const DEFAULT_STALE_MS = 10 * 60 * 1000;

function objectBody(req: ControlRequest): Record<string, unknown> {
	const { body } = req;
	if (body === undefined) return {};
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw invalid('body must be a JSON object');
	}
	return body as Record<string, unknown>;
}

function eventList(value: unknown): SubscribableEvent[] {
	if (value === undefined) return [...SUBSCRIBABLE_EVENTS];
	const known = (event: unknown) => SUBSCRIBABLE_EVENTS.some((e) => e === event);
	if (!Array.isArray(value) || !value.every(known)) {
		throw invalid(`events must be a list of ${SUBSCRIBABLE_EVENTS.join(', ')}`);
	}
	return value as SubscribableEvent[];
}

function httpUrl(value: unknown): string {
	const url = typeof value === 'string' && URL.canParse(value) ? new URL(value) : undefined;
	if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
		throw invalid('url must be an http(s) URL');
	}
	return url.toString();
}

function view(delivery: Delivery) {
	const { webhookId, event, subscriptionId, url, state, attempts } = delivery;
	return { webhookId, event, subscriptionId, url, state, attempts, body: delivery.body };
}

/** Keys a forged send signs with: right format, wrong signer. Made once, on first forgery. */
let forgerKeys: ReturnType<typeof generateSigningKeys> | undefined;

/**
 * The control API of the sandbox's webhooks: subscriptions (`/webhooks`), the delivery record,
 * the retry policy, the public keys deliveries verify with (`/keys`), and sends on demand,
 * honest or forged.
 */
export function webhookRoutes(dispatcher: WebhookDispatcher, clock: Clock): ControlRoute[] {
	const ok = (body: unknown) => ({ status: 200, body });

	const send = (req: ControlRequest) => {
		const body = objectBody(req);
		if (!isWebhookEvent(body.event))
			throw invalid(`event must be one of ${WEBHOOK_EVENTS.join(', ')}`);
		const forge = body.forge as Forgery | undefined;
		if (forge !== undefined && !FORGERIES.includes(forge)) {
			throw invalid(`forge must be one of ${FORGERIES.join(', ')}`);
		}
		if (forge === 'replay') {
			const original = dispatcher.deliveries.filter((d) => d.event === body.event).pop();
			if (!original) throw invalid(`no ${body.event} delivery to replay yet`);
			return { status: 202, body: { deliveries: [view(dispatcher.replay(original))] } };
		}
		if (body.data !== undefined && (typeof body.data !== 'object' || body.data === null)) {
			throw invalid('data must be an object of payload fields');
		}
		const omit = body.omit ?? [];
		if (!Array.isArray(omit) || omit.some((f) => typeof f !== 'string')) {
			throw invalid('omit must be a list of field names');
		}
		const now = clock.now();
		const data = sampleEvent(
			body.event,
			MAIN_LOCATION_ID,
			now,
			body.data as Record<string, unknown>,
		);
		for (const field of omit as string[]) delete data[field];
		let at = now;
		if (forge === 'stale') {
			const ageMs = body.ageMs ?? DEFAULT_STALE_MS;
			if (typeof ageMs !== 'number' || !Number.isFinite(ageMs))
				throw invalid('ageMs must be a number');
			at -= ageMs;
		}
		if (forge === 'signature') forgerKeys ??= generateSigningKeys();
		const deliveries = dispatcher.send(data, dispatcher.envelope(data, at), {
			keys: forge === 'signature' ? forgerKeys : undefined,
		});
		return { status: 202, body: { deliveries: deliveries.map(view) } };
	};

	return [
		{ method: 'GET', path: '/keys', handle: () => ok(publicKeysPem(dispatcher.keys)) },
		{
			method: 'GET',
			path: '/webhooks',
			handle: () => ok({ subscriptions: dispatcher.subscriptions, policy: dispatcher.policy }),
		},
		{
			method: 'POST',
			path: '/webhooks',
			handle: (req) => {
				const body = objectBody(req);
				const signatures = (body.signatures ?? 'both') as SignatureSchemes;
				if (!SCHEMES.includes(signatures))
					throw invalid(`signatures must be one of ${SCHEMES.join(', ')}`);
				const subscription = dispatcher.subscribe(
					httpUrl(body.url),
					eventList(body.events),
					signatures,
				);
				return { status: 201, body: subscription };
			},
		},
		{
			method: 'DELETE',
			path: '/webhooks/:id',
			handle: (req) => {
				if (!dispatcher.unsubscribe(req.params.id))
					throw new GhlApiError(404, 'Unknown subscription');
				return ok({ deleted: true });
			},
		},
		{
			method: 'PUT',
			path: '/webhooks/policy',
			handle: (req) => {
				const next = { ...dispatcher.policy };
				for (const [key, value] of Object.entries(objectBody(req))) {
					if (!(key in next)) throw invalid(`${key} is not a setting`);
					if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
						throw invalid(`${key} must be a whole number ≥ 0`);
					}
					next[key as keyof typeof next] = value;
				}
				dispatcher.policy = next;
				return ok(next);
			},
		},
		{
			method: 'GET',
			path: '/webhooks/deliveries',
			handle: () => ok(dispatcher.deliveries.map(view)),
		},
		{ method: 'POST', path: '/webhooks/send', handle: send },
	];
}
