import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { connectionsPerItem, ghlApiRequest, type GhlConnection } from '../shared/transport';
import { EVENT_FAMILIES, isGhlEvent } from './events';
import { itemContactId } from './output';
import { firstDeliveries } from './replay';

/** The full contact, or why the item has none (never a failed execution). */
async function contactDetails(
	ctx: IExecuteFunctions,
	item: IDataObject,
	connectionOf: () => Promise<GhlConnection>,
): Promise<IDataObject> {
	if (item.event === 'ContactDelete') return { contactError: 'The contact was deleted' };
	const contactId = itemContactId(item);
	if (contactId === undefined) {
		return {
			contactError: `The ${String(item.event)} payload names no contact (GHL often leaves it out)`,
		};
	}
	try {
		const response = (await ghlApiRequest.call(ctx, await connectionOf(), {
			operationId: 'get-contact',
			label: 'Get Contact',
			pathParams: { contactId },
		})) as IDataObject;
		return { contact: (response.contact as IDataObject | undefined) ?? response };
	} catch (error) {
		return { contactError: (error as Error).message };
	}
}

/**
 * The trigger's step inside the execution a delivery started: it lets through only the first
 * execution to carry each `webhookId` (production runs; the test URL runs whatever it is sent),
 * then reads the full contact when asked. Both happen here rather than in `webhook()` because only
 * an execution can record durably, and because GHL gets its 200 without waiting for the read.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const idOf = (item: INodeExecutionData) =>
		typeof item.json.webhookId === 'string' ? item.json.webhookId : undefined;
	const ids = items.map(idOf).filter((id): id is string => id !== undefined);
	const toleranceMinutes = this.getNodeParameter('options.toleranceMinutes', 0, 5) as number;
	const first =
		this.getMode() === 'manual'
			? new Set(ids)
			: await firstDeliveries(this, ids, toleranceMinutes * 60_000);
	const fetchContact = this.getNodeParameter('fetchContact', 0, false) === true;

	// An agency connection reads each event's contact in the event's own sub-account.
	const connectionOf = connectionsPerItem(this, (index) =>
		String(items[index].json.locationId ?? ''),
	);
	const output: INodeExecutionData[] = [];
	for (const [index, item] of items.entries()) {
		const webhookId = idOf(item);
		if (webhookId !== undefined && !first.has(webhookId)) continue;
		const json = { ...item.json };
		// An install or uninstall concerns the app, not a contact: there is nothing to read.
		const aboutApp = isGhlEvent(json.event) && EVENT_FAMILIES[json.event] === 'app';
		if (fetchContact && !aboutApp) {
			Object.assign(json, await contactDetails(this, json, async () => await connectionOf(index)));
		}
		output.push({ json, pairedItem: { item: index } });
	}
	return [output];
}
