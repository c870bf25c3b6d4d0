import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { checkPathSegment } from '../../shared/transport';

/**
 * An ID parameter's value as text, trimmed. Only text or a number is one ID: sent as text, an
 * object would become "[object Object]" and a list "a,b", so they are refused, naming the field.
 */
export function idText(
	this: IExecuteFunctions,
	raw: unknown,
	label: string,
	itemIndex: number,
): string {
	if (raw !== null && raw !== undefined && typeof raw !== 'string' && typeof raw !== 'number') {
		throw new NodeOperationError(
			this.getNode(),
			`${label} must be one ID, not ${Array.isArray(raw) ? 'a list' : `a value of type ${typeof raw}`}`,
			{ description: `Map a single ${label} (text), e.g. {{ $json.id }}.`, itemIndex },
		);
	}
	return String(raw ?? '').trim();
}

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
	const value = idText.call(this, raw, label, itemIndex);
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
