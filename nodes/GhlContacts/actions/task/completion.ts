import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ghlApiRequest, type GhlConnection } from '../../../shared/transport';
import { showOnlyFor } from '../../helpers/displayOptions';
import { requireId } from '../../helpers/ids';
import { contactIdLocator } from '../common.descriptions';
import type { Operation } from '../operation';
import { taskIdField } from './task.descriptions';

/** Marks a task done or open again through the endpoint that changes nothing else. */
export function taskCompletionOperation(operation: string, completed: boolean): Operation {
	return {
		description: showOnlyFor('task', operation, [contactIdLocator, taskIdField]),
		async execute(this: IExecuteFunctions, itemIndex: number, connection: GhlConnection) {
			const contactId = requireId.call(this, 'contactId', 'Contact ID', itemIndex);
			const taskId = requireId.call(this, 'taskId', 'Task ID', itemIndex);
			const { task } = (await ghlApiRequest.call(this, connection, {
				operationId: 'update-task-completed',
				label: completed ? 'Mark Task Completed' : 'Mark Task Incomplete',
				pathParams: { contactId, taskId },
				body: { completed },
				itemIndex,
			})) as { task: IDataObject };
			return task;
		},
	};
}
