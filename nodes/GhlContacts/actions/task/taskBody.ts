import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { toIsoDateTime } from '../../helpers/dates';
import { readUserId } from '../../helpers/userField';

/** The due date as GHL wants it (ISO 8601 with offset), read in the Timezone option's zone. */
export function readDueDate(this: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const timezone = this.getNodeParameter('options.timezone', itemIndex, '') as string;
	return toIsoDateTime.call(this, value, 'Due Date', itemIndex, timezone);
}

/**
 * The task fields set in a collection (`additionalFields` or `updateFields`), named as in the
 * spec's task DTOs. Fields left empty are not sent.
 */
export function taskFieldsFrom(
	this: IExecuteFunctions,
	collection: 'additionalFields' | 'updateFields',
	itemIndex: number,
): IDataObject {
	const fields = this.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const key of ['title', 'body'] as const) {
		const text = fields[key];
		if (typeof text === 'string' && text.trim()) body[key] = text;
	}
	if (fields.dueDate !== undefined && fields.dueDate !== '') {
		body.dueDate = readDueDate.call(this, fields.dueDate, itemIndex);
	}
	if (typeof fields.completed === 'boolean') body.completed = fields.completed;
	const assignedTo = readUserId.call(this, `${collection}.assignedTo`, 'Assigned To', itemIndex);
	if (assignedTo) body.assignedTo = assignedTo;
	return body;
}
