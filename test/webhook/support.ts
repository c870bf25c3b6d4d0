import { randomUUID } from 'node:crypto';

import {
	publicKeysPem,
	signatureHeaders,
	type SigningKeys,
	type SignatureSchemes,
} from '../../sandbox/webhooks/keys';
import type { WebhookEvent } from '../../sandbox/webhooks/events';
import { sampleEvent } from '../../sandbox/webhooks/samples';
import { WebhookSession, type WebhookSessionOptions } from '../harness/runWebhook';

export const LOCATION = 'locWebhookTest000001';

/** A GHL event as delivered now (or `ageMs` ago), with a fresh webhookId. */
export function delivery(type: WebhookEvent, ageMs = 0, fields: Record<string, unknown> = {}) {
	return {
		...sampleEvent(type, LOCATION, Date.now()),
		appId: 'app',
		versionId: 'ver',
		timestamp: new Date(Date.now() - ageMs).toISOString(),
		webhookId: randomUUID(),
		...fields,
	} as Record<string, any>;
}

/** A GHL delivery of `payload`, signed over its exact bytes with `keys`. */
export function signed(
	payload: unknown,
	keys: SigningKeys,
	schemes: SignatureSchemes = 'both',
): { body: string; headers: Record<string, string> } {
	const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
	return { body, headers: signatureHeaders(Buffer.from(body), keys, schemes) };
}

/** The settings of a trigger that verifies with `keys` (as a user pastes the sandbox's public keys). */
export function signatureTriggerSettings(
	keys: SigningKeys,
	events: string[],
	options: Record<string, unknown> = {},
	parameters: Record<string, unknown> = {},
): WebhookSessionOptions {
	const pem = publicKeysPem(keys);
	return {
		type: 'ghlWebhookTrigger',
		parameters: {
			events,
			...parameters,
			options: { ed25519PublicKey: pem.ed25519, rsaPublicKey: pem.rsa, ...options },
		},
	};
}

/** A trigger that verifies with `keys`, active in a workflow of its own. */
export async function signatureTrigger(
	...settings: Parameters<typeof signatureTriggerSettings>
): Promise<WebhookSession> {
	return await WebhookSession.create(signatureTriggerSettings(...settings));
}
