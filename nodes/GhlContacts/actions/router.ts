import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { resolveConnection } from '../../shared/transport';
import type { Operation } from './operation';
import * as contact from './contact/Contact.resource';

const resources: Record<string, Record<string, Operation>> = {
	contact: { get: contact.get },
};

function toItems(result: IDataObject | IDataObject[] | INodeExecutionData[], itemIndex: number) {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const json = (entry as INodeExecutionData).json ?? (entry as IDataObject);
		return { json, pairedItem: { item: itemIndex } } as INodeExecutionData;
	});
}

/** Runs the chosen operation once per input item; outputs stay paired with their input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
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
			if (error instanceof NodeOperationError || (error as { context?: IDataObject }).context) {
				(error as { context: IDataObject }).context ??= {};
				(error as { context: IDataObject }).context.itemIndex ??= itemIndex;
			}
			throw error;
		}
	}
	return [returnData];
}
