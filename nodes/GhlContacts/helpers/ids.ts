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
	if (raw !== null && raw !== undefined && typeof raw !== 'string' && typeof raw !== 'number') {
		// Sent as text, an object would become "[object Object]" and a list "a,b".
		throw new NodeOperationError(
			this.getNode(),
			`${label} must be one ID, not ${Array.isArray(raw) ? 'a list' : `a value of type ${typeof raw}`}`,
			{ description: `Map a single ${label} (text), e.g. {{ $json.id }}.`, itemIndex },
		);
	}
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
