import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { requireId } from '../../helpers/ids';
import { showOnlyFor } from '../../helpers/displayOptions';
import { customFieldsOutputOption } from '../../helpers/customFields';
import { simplifyNote, simplifyTask } from '../../../shared/simplify';
import { contactIdLocator, simplifyField } from '../common.descriptions';
import { contactShaper } from './contactOutput';

const properties: INodeProperties[] = [
	contactIdLocator,
	simplifyField,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			customFieldsOutputOption,
			{
				displayName: 'Include Appointments',
				name: 'includeAppointments',
				type: 'boolean',
				default: true,
				description: "Whether to add the contact's appointments to the item (one more request)",
			},
			{
				displayName: 'Include Notes',
				name: 'includeNotes',
				type: 'boolean',
				default: true,
				description: "Whether to add the contact's notes to the item (one more request)",
			},
			{
				displayName: 'Include Tasks',
				name: 'includeTasks',
				type: 'boolean',
				default: true,
				description: "Whether to add the contact's tasks to the item (one more request)",
			},
		],
	},
];

export const description = showOnlyFor('contact', 'get', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const simple = this.getNodeParameter('simple', itemIndex, true) as boolean;
	const options = this.getNodeParameter('options', itemIndex, {}) as {
		includeTasks?: boolean;
		includeNotes?: boolean;
		includeAppointments?: boolean;
	};
	const pathParams = { contactId };
	const get = <T>(operationId: Parameters<typeof ghlApiRequest>[1]['operationId'], label: string) =>
		ghlApiRequest.call(this, connection, {
			operationId,
			label,
			pathParams,
			itemIndex,
		}) as Promise<T>;

	// The extra lists are independent of the contact, so they are fetched at the same time.
	const [contactResponse, tasksResponse, notesResponse, eventsResponse] = await Promise.all([
		get<{ contact: IDataObject }>('get-contact', 'Get Contact'),
		options.includeTasks
			? get<{ tasks: IDataObject[] }>('get-all-tasks', 'Get Contact Tasks')
			: undefined,
		options.includeNotes
			? get<{ notes: IDataObject[] }>('get-all-notes', 'Get Contact Notes')
			: undefined,
		options.includeAppointments
			? get<{ events: IDataObject[] }>('get-appointments-for-contact', 'Get Contact Appointments')
			: undefined,
	]);

	const now = Date.now();
	const locationId = String(contactResponse.contact.locationId ?? connection.locationId);
	const shape = await contactShaper.call(this, connection, locationId, itemIndex);
	const contact = shape(contactResponse.contact);
	if (tasksResponse) {
		contact.tasks = simple
			? tasksResponse.tasks.map((task) => simplifyTask(task, now))
			: tasksResponse.tasks;
	}
	if (notesResponse) {
		contact.notes = simple ? notesResponse.notes.map(simplifyNote) : notesResponse.notes;
	}
	if (eventsResponse) contact.appointments = eventsResponse.events;
	return contact;
}
