import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A required text parameter, sent as written (a note's indentation is content); empty or blank
 * is refused before anything is sent, and so is a mapped object or list, which would go as
 * "[object Object]" or "a,b".
 */
export function requireText(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '') as unknown;
	if (raw !== null && typeof raw === 'object') {
		throw new NodeOperationError(
			this.getNode(),
			`${label} must be text, not ${Array.isArray(raw) ? 'a list' : 'an object'}`,
			{ description: `Map the ${label} as text, e.g. {{ $json.text }}.`, itemIndex },
		);
	}
	const value = String(raw ?? '');
	if (!value.trim()) {
		throw new NodeOperationError(this.getNode(), `${label} is empty`, {
			description: `Enter the ${label}, or map it from an earlier node.`,
			itemIndex,
		});
	}
	return value;
}
