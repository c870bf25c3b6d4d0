import { WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HarnessCredentialsHelper, type StoredCredential } from './credentialsHelper';
import { loadPackage, PACKAGE_NAME, parametersAsSaved } from './packageTypes';
import { harnessAdditionalData, recordLogsOf, type LogLine } from './additionalData';

export interface WebhookSessionOptions {
	/** Node name inside the package, e.g. `ghlWebhookTrigger`. */
	type: string;
	parameters: INodeParameters;
	credentials?: StoredCredential[];
}

export interface IncomingDelivery {
	headers?: Record<string, string>;
	/** The bytes as sent: n8n keeps them as `rawBody` and parses JSON into `body`. */
	body: string | Buffer;
	query?: Record<string, string>;
}

export interface WebhookOutcome {
	status: number;
	/** What the caller received (parsed JSON when it is JSON). */
	response: unknown;
	/** The items of the execution the delivery started; null when it started none. */
	items: IDataObject[] | null;
}

const TRIGGER_NODE = 'GHL Webhook';

/** The parts of an HTTP response a node may write to, recorded. */
class RecordedResponse {
	status?: number;
	body = '';

	writeHead(status: number): this {
		this.status = status;
		return this;
	}

	end(chunk?: string | Buffer): this {
		if (chunk !== undefined) this.body += chunk.toString();
		return this;
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * An active workflow holding one webhook trigger, as n8n keeps it between deliveries: one
 * Workflow whose static data persists. Each delivery builds a real n8n-core WebhookContext around
 * a request (headers, raw body, parsed body, query) and a response, calls the node's `webhook()`
 * and answers as n8n's webhook service does: the node's own response, a 200 that starts nothing,
 * or a 200 that starts an execution with the returned items.
 */
export class WebhookSession {
	readonly logs: LogLine[] = [];

	private constructor(
		private readonly workflow: Workflow,
		private readonly node: INode,
		private readonly nodeType: INodeType,
		private readonly additionalData: IWorkflowExecuteAdditionalData,
	) {}

	static async create(options: WebhookSessionOptions): Promise<WebhookSession> {
		const pkg = await loadPackage();
		const credentialsHelper = new HarnessCredentialsHelper(pkg);
		const credentials = options.credentials ?? [];
		for (const credential of credentials) credentialsHelper.add(credential);
		const type = `${PACKAGE_NAME}.${options.type}`;
		const nodeType = pkg.nodeTypes.getByNameAndVersion(type, 1) as INodeType;
		const node: INode = {
			id: 'webhook-trigger',
			name: TRIGGER_NODE,
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			webhookId: 'b9a4c6a2-harness-webhook',
			credentials: Object.fromEntries(credentials.map((c) => [c.type, { id: c.id, name: c.name }])),
		};
		node.parameters = parametersAsSaved(nodeType, node, options.parameters);
		const additionalData = harnessAdditionalData(credentialsHelper);
		const workflow = new Workflow({
			id: 'harness-webhook-workflow',
			name: 'Harness Webhook',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: pkg.nodeTypes,
			settings: { executionOrder: 'v1' },
		});
		return new WebhookSession(workflow, node, nodeType, additionalData);
	}

	/** Hands one HTTP delivery to the node, as n8n's production webhook would. */
	async deliver(
		delivery: IncomingDelivery,
		mode: Extract<WorkflowExecuteMode, 'webhook' | 'manual'> = 'webhook',
	): Promise<WebhookOutcome> {
		const rawBody = Buffer.isBuffer(delivery.body) ? delivery.body : Buffer.from(delivery.body);
		const parsed = parseJson(rawBody.toString());
		const headers = Object.fromEntries(
			Object.entries({ 'content-type': 'application/json', ...delivery.headers }).map(([k, v]) => [
				k.toLowerCase(),
				v,
			]),
		);
		const response = new RecordedResponse();
		const additionalData = {
			...this.additionalData,
			httpRequest: {
				method: 'POST',
				headers,
				rawBody,
				body: typeof parsed === 'object' && parsed !== null ? parsed : {},
				query: delivery.query ?? {},
				params: {},
			},
			httpResponse: response,
		} as unknown as IWorkflowExecuteAdditionalData;
		const description = this.nodeType.description.webhooks![0];
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new WebhookContext(
			this.workflow,
			this.node,
			additionalData,
			mode,
			webhookData,
			[],
			null,
		);
		recordLogsOf(context, this.logs);
		const result = (await this.nodeType.webhook!.call(context)) as IWebhookResponseData;
		if (result.noWebhookResponse) {
			return { status: response.status ?? 200, response: parseJson(response.body), items: null };
		}
		if (result.workflowData === undefined) {
			return {
				status: 200,
				response: result.webhookResponse ?? { message: 'Webhook call received' },
				items: null,
			};
		}
		return {
			status: 200,
			response: { message: 'Workflow was started' },
			items: result.workflowData[0].map((item) => item.json),
		};
	}

	/** The node's static data as n8n would save it (a JSON copy). */
	nodeStaticData(): IDataObject {
		return JSON.parse(
			JSON.stringify(this.workflow.getStaticData('node', this.node)),
		) as IDataObject;
	}
}
