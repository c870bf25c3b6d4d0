import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { toIsoDateTime } from '../../helpers/dates';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { succeeded } from '../../helpers/results';
import { contactIdLocator } from '../common.descriptions';
import { workflowIdLocator } from './workflowIdLocator';

const properties: INodeProperties[] = [
	contactIdLocator,
	workflowIdLocator,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Event Start Time',
				name: 'eventStartTime',
				type: 'dateTime',
				default: '',
				description:
					'The event time the workflow counts from, for workflows that wait relative to an event',
			},
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/Berlin',
				description:
					"Timezone of an Event Start Time written without an offset. Leave empty to use the workflow's timezone.",
			},
		],
	},
];

export const description = showOnlyFor('workflow', 'addContact', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const workflowId = requireId.call(this, 'workflowId', 'Workflow ID', itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		eventStartTime?: unknown;
		timezone?: string;
	};
	const body: IDataObject = {};
	if (options.eventStartTime !== undefined && options.eventStartTime !== '') {
		body.eventStartTime = toIsoDateTime.call(
			this,
			options.eventStartTime,
			'Event Start Time',
			itemIndex,
			options.timezone,
		);
	}
	const response = (await ghlApiRequest.call(this, connection, {
		operationId: 'add-contact-to-workflow',
		label: 'Add Contact to Workflow',
		pathParams: { contactId, workflowId },
		body,
		itemIndex,
	})) as IDataObject;
	return { success: succeeded(response), contactId, workflowId, ...body };
}
