import type {
	IDataObject,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { presentedSecret, sameSecret, signatureFailure, type SecretLocation } from './authenticity';
import { EVENT_FAMILIES, isGhlEvent } from './events';
import { eventItem } from './output';
import { checkTimestamp, SeenDeliveries } from './replay';

/** GHL's payloads are a few kilobytes; anything near this is not GHL. */
export const MAX_BODY_BYTES = 1024 * 1024;

interface Options {
	subAccounts?: string;
	ed25519PublicKey?: string;
	rsaPublicKey?: string;
	includeRaw?: boolean;
	toleranceMinutes?: number;
}

type Headers = Record<string, string | string[] | undefined>;

/** Answers the request itself, so that n8n starts no execution. */
function refuse(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify({ message }));
	return { noWebhookResponse: true };
}

/** A 200 that starts nothing: GHL counts the delivery as done and does not retry it. */
function ignore(message: string): IWebhookResponseData {
	return { webhookResponse: { message } };
}

/**
 * The exact bytes GHL sent. n8n keeps them as `rawBody` for JSON requests; without them the
 * parsed body is serialized again, which is what GHL signs (compact JSON) but is a second best.
 */
function rawBodyOf(ctx: IWebhookFunctions): Buffer {
	const { rawBody } = ctx.getRequestObject() as { rawBody?: Buffer };
	if (rawBody !== undefined) return Buffer.from(rawBody);
	return Buffer.from(JSON.stringify(ctx.getBodyData()));
}

async function authenticityFailure(
	ctx: IWebhookFunctions,
	body: Buffer,
	options: Options,
): Promise<string | undefined> {
	const headers = ctx.getHeaderData() as Headers;
	if (ctx.getNodeParameter('verification', 'signature') === 'signature') {
		return await signatureFailure(body, headers, {
			ed25519: options.ed25519PublicKey,
			rsa: options.rsaPublicKey,
		});
	}
	const secretIn = ctx.getNodeParameter('secretIn', 'header') as SecretLocation['in'];
	const location: SecretLocation = {
		in: secretIn,
		name: String(
			secretIn === 'header'
				? ctx.getNodeParameter('headerName', 'x-webhook-secret')
				: ctx.getNodeParameter('queryParameterName', 'secret'),
		),
	};
	const given = presentedSecret(location, headers, ctx.getQueryData() as IDataObject);
	const expected = String(ctx.getNodeParameter('secret', ''));
	return (await sameSecret(given, expected)) ? undefined : 'The shared secret is missing or wrong';
}

/**
 * One delivery: size, authenticity (signatures or shared secret, over the raw bytes), JSON,
 * timestamp window, chosen event, then duplicate `webhookId`. Every refusal is answered here and
 * starts nothing; only a new, authentic, chosen event starts an execution, whose first step
 * (`execute`) makes sure no `webhookId` gets through twice.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = this.getNodeParameter('options', {}) as Options;
	const body = rawBodyOf(this);
	if (body.length > MAX_BODY_BYTES)
		return refuse(this, 413, 'The body is too large for a GHL event');

	const failure = await authenticityFailure(this, body, options);
	if (failure !== undefined) {
		this.logger.warn(`GHL Webhook Trigger refused a delivery: ${failure}`);
		return refuse(this, 401, failure);
	}

	let payload: IDataObject;
	try {
		const parsed: unknown = JSON.parse(body.toString('utf8'));
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error();
		payload = parsed as IDataObject;
	} catch {
		return refuse(this, 400, 'The body is not a JSON object');
	}

	const signed = this.getNodeParameter('verification', 'signature') === 'signature';
	const now = Date.now();
	const toleranceMs = (options.toleranceMinutes ?? 5) * 60_000;
	const type = payload.type ?? (signed ? undefined : 'WorkflowWebhook');
	const appEvent = isGhlEvent(type) && EVENT_FAMILIES[type] === 'app';
	// A workflow's Webhook action sends no timestamp; a signed GHL event always does, except the
	// app's install events, whose documented payload has none.
	if ((signed && !appEvent) || payload.timestamp !== undefined) {
		const check = checkTimestamp(payload.timestamp, now, toleranceMs);
		if (check !== 'ok') {
			const reason = check === 'stale' ? 'is outside the tolerance window' : 'is missing';
			return refuse(this, 401, `The event's timestamp ${reason}`);
		}
	}

	const chosen = this.getNodeParameter('events', []) as string[];
	if (!isGhlEvent(type)) {
		// Authentic, but not a GHL event: most likely a workflow's Webhook action with its own
		// `type` field, which the user would otherwise never learn was dropped.
		this.logger.warn(
			`GHL Webhook Trigger ignored a delivery whose type "${String(type).slice(0, 100)}" is not a GHL event (answered 200, nothing ran)`,
			{ node: this.getNode().name, workflowId: this.getWorkflow().id },
		);
		return ignore(`Event ${String(type)} is not one this trigger listens for`);
	}
	if (!chosen.includes(type)) {
		this.logger.debug(`GHL Webhook Trigger ignored a ${type} delivery: not under Events`, {
			node: this.getNode().name,
			workflowId: this.getWorkflow().id,
		});
		return ignore(`Event ${type} is not one this trigger listens for`);
	}
	if (signed && EVENT_FAMILIES[type] === 'workflow') {
		return ignore('A signed GHL event always names its type');
	}
	const onlyFrom = (options.subAccounts ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean);
	const locationId = typeof payload.locationId === 'string' ? payload.locationId : undefined;
	if (onlyFrom.length > 0 && locationId !== undefined && !onlyFrom.includes(locationId)) {
		return ignore(`Event of sub-account ${locationId}, which this trigger does not listen to`);
	}
	// Install events carry no webhookId: their exact bytes identify a delivery and its resends.
	if (appEvent && typeof payload.webhookId !== 'string') {
		const digest = Buffer.from(await crypto.subtle.digest('SHA-256', body)).toString('hex');
		payload = { ...payload, webhookId: `app-${digest}` };
	}

	// Recorded by the execution the first delivery started (see `execute`).
	const seen = new SeenDeliveries(this.getWorkflowStaticData('node'));
	const webhookId = typeof payload.webhookId === 'string' ? payload.webhookId : undefined;
	if (webhookId !== undefined && seen.has(webhookId)) {
		return ignore(`Delivery ${webhookId} was already received`);
	}

	const item = eventItem(type, payload, now);
	if (options.includeRaw) item.raw = payload;
	const output: INodeExecutionData[] = [{ json: item }];
	return { workflowData: [output] };
}
