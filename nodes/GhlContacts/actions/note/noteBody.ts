import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readUserId } from '../../helpers/userField';

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * The note fields set in a collection (`additionalFields` or `updateFields`), named as in the
 * spec's note DTOs. Fields left empty are not sent.
 */
export function noteFieldsFrom(
	this: IExecuteFunctions,
	collection: 'additionalFields' | 'updateFields',
	itemIndex: number,
): IDataObject {
	const fields = this.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const key of ['body', 'title'] as const) {
		const text = fields[key];
		if (typeof text === 'string' && text.trim()) body[key] = text;
	}
	const color = typeof fields.color === 'string' ? fields.color.trim() : fields.color;
	if (color !== undefined && color !== null && color !== '') {
		// Only text can be a colour code; a number (from an expression) is refused, not dropped.
		if (typeof color !== 'string' || !HEX_COLOR.test(color)) {
			throw new NodeOperationError(
				this.getNode(),
				`Color "${String(color)}" is not a hex colour code`,
				{
					description: 'Enter the colour as # followed by 6 (or 3) hex digits, e.g. #FFAA00.',
					itemIndex,
				},
			);
		}
		body.color = color;
	}
	if (typeof fields.pinned === 'boolean') body.pinned = fields.pinned;
	const userId = readUserId.call(this, `${collection}.userId`, 'User', itemIndex);
	if (userId) body.userId = userId;
	return body;
}
