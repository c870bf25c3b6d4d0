import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resolveConnection } from '../../shared/transport';
import type { Operation } from './operation';
import * as appointment from './appointment/Appointment.resource';
import * as business from './business/Business.resource';
import * as campaign from './campaign/Campaign.resource';
import * as contact from './contact/Contact.resource';
import * as follower from './follower/Follower.resource';
import * as note from './note/Note.resource';
import * as tag from './tag/Tag.resource';
import * as task from './task/Task.resource';
import * as workflow from './workflow/Workflow.resource';

const resources: Record<string, Record<string, Operation>> = {
	appointment: appointment.operations,
	business: business.operations,
	campaign: campaign.operations,
	contact: contact.operations,
	follower: follower.operations,
	note: note.operations,
	tag: tag.operations,
	task: task.operations,
	workflow: workflow.operations,
};

function toItems(result: IDataObject | IDataObject[] | INodeExecutionData[], itemIndex: number) {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const json = (entry as INodeExecutionData).json ?? (entry as IDataObject);
		return { json, pairedItem: { item: itemIndex } } as INodeExecutionData;
	});
}

/** n8n's error (API or operation) for the failing item, so the editor points at it. */
function withItemIndex(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** Runs the chosen operation once per input item; outputs stay paired with their input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
		);
	}
	const connection = await resolveConnection(this);
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.execute.call(this, itemIndex, connection);
			returnData.push(...toItems(result, itemIndex));
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw withItemIndex(this.getNode(), error, itemIndex);
		}
	}
	return [returnData];
}
