import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ghlCredentials } from '../shared/credentials';
import { execute } from './execute';
import { properties } from './properties';
import { receive } from './receive';

export class GhlWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'GHL Webhook Trigger',
		name: 'ghlWebhookTrigger',
		icon: { light: 'file:../../icons/ghl.svg', dark: 'file:../../icons/ghl.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts a workflow when GoHighLevel pushes a contact, task, note or appointment event',
		defaults: { name: 'GHL Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: ghlCredentials({ fetchContact: [false] }),
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'ghl',
			},
		],
		properties,
	};

	/**
	 * GHL has no API to register webhook URLs: the user pastes the URL into the Marketplace app or a
	 * workflow's Webhook action. The lifecycle keeps this node's own record of the URL it listens
	 * on, and deactivation forgets the deliveries seen.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				return staticData.webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const staticData = this.getWorkflowStaticData('node');
				staticData.webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				const staticData: IDataObject = this.getWorkflowStaticData('node');
				delete staticData.webhookUrl;
				delete staticData.seenWebhookIds;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await execute.call(this);
	}
}
