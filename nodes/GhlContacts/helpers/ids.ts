import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkPathSegment } from '../../shared/transport';

/**
 * Reads an ID parameter (a plain string or a resource locator) and rejects an empty value or one
 * that could reroute the request, naming the field so the user knows what to fix.
 */
export function requireId(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: true }) as unknown;
	const value = String(raw ?? '').trim();
	if (!value) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			description: `Enter the ${label}, pick one from the list, or map it from an earlier node.`,
			itemIndex,
		});
	}
	try {
		return checkPathSegment(label, value);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex });
	}
}
