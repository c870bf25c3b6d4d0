import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { localLimitFields, readLocalLimit } from '../../helpers/localLimit';
import { simplifyTask, taskStatus } from '../../../shared/simplify';
import { contactIdLocator, simplifyField } from '../common.descriptions';

const properties: INodeProperties[] = [
	contactIdLocator,
	...localLimitFields,
	simplifyField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Completed', value: 'completed' },
					{ name: 'Overdue', value: 'overdue', description: 'Not completed and past its due date' },
					{ name: 'Pending', value: 'pending', description: 'Not completed and not yet due' },
				],
				default: 'all',
				description:
					"Applied by the node: GHL returns all of a contact's tasks and cannot filter them",
			},
		],
	},
];

export const description = showOnlyFor('task', 'getAll', properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	connection: GhlConnection,
): Promise<IDataObject[]> {
	const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
	const { status = 'all' } = this.getNodeParameter('filters', itemIndex, {}) as { status?: string };
	const { tasks } = (await ghlApiRequest.call(this, connection, {
		operationId: 'get-all-tasks',
		label: 'Get Many Tasks',
		pathParams: { contactId },
		itemIndex,
	})) as { tasks: IDataObject[] };
	const now = Date.now();
	const matching =
		status === 'all' ? tasks : tasks.filter((task) => taskStatus(task, now) === status);
	const simple = this.getNodeParameter('simple', itemIndex, true) as boolean;
	return matching
		.slice(0, readLocalLimit.call(this, itemIndex))
		.map((task) => (simple ? simplifyTask(task, now) : task));
}
