import type { SandboxRequest } from '../../types';
import { requireStringArray } from '../contactInput';
import { requireEpochMs } from '../dates';
import { unprocessable } from '../errors';
import type { TaskRecord } from '../records';
import { taskView } from '../views';
import { bodyOf, created, ok, SUCCEEDED } from './common';
import type { HandlerFactory } from './common';

/** Task fields of a create or update body, checked; absent fields stay absent. */
function taskChanges(req: SandboxRequest): Partial<TaskRecord> {
	const body = bodyOf(req);
	const changes: Partial<TaskRecord> = {};
	for (const field of ['title', 'body', 'assignedTo'] as const) {
		const value = body[field];
		if (value === undefined) continue;
		if (value !== null && typeof value !== 'string')
			throw unprocessable(`${field} must be a string`);
		changes[field] = value || undefined;
	}
	if (body.dueDate !== undefined) changes.dueDate = requireEpochMs(body.dueDate, 'dueDate');
	if (body.completed !== undefined) {
		if (typeof body.completed !== 'boolean')
			throw unprocessable('completed must be a boolean value');
		changes.completed = body.completed;
	}
	return changes;
}

function byDueDate(a: TaskRecord, b: TaskRecord): number {
	return a.dueDate - b.dueDate || (a.id < b.id ? -1 : 1);
}

export const taskHandlers: HandlerFactory = (world) => {
	const save = (task: TaskRecord, changes: Partial<TaskRecord>): TaskRecord => {
		const next = { ...task, ...changes, dateUpdated: world.clock.now() };
		world.tasks.put(next);
		return next;
	};
	return {
		'get-all-tasks': (req) => {
			world.contactFor(req.grant.locationId, req.params.contactId);
			return ok({ tasks: world.tasks.list(req.params.contactId).sort(byDueDate).map(taskView) });
		},

		'create-task': (req) => {
			const contact = world.contactFor(req.grant.locationId, req.params.contactId);
			const changes = taskChanges(req);
			const missing = (['title', 'dueDate', 'completed'] as const).filter(
				(f) => changes[f] === undefined,
			);
			if (missing.length > 0)
				throw unprocessable(...missing.map((f) => `${f} should not be empty`));
			const now = world.clock.now();
			const task: TaskRecord = {
				id: world.newId(),
				contactId: contact.id,
				locationId: contact.locationId,
				title: changes.title as string,
				body: changes.body,
				assignedTo: changes.assignedTo,
				dueDate: changes.dueDate as number,
				completed: changes.completed as boolean,
				dateAdded: now,
				dateUpdated: now,
			};
			world.tasks.put(task);
			return created({ task: taskView(task) });
		},

		'get-task': (req) => {
			const { contactId, taskId } = req.params;
			return ok({ task: taskView(world.taskFor(req.grant.locationId, contactId, taskId)) });
		},

		'update-task': (req) => {
			const { contactId, taskId } = req.params;
			const task = world.taskFor(req.grant.locationId, contactId, taskId);
			return ok({ task: taskView(save(task, taskChanges(req))) });
		},

		'update-task-completed': (req) => {
			const { contactId, taskId } = req.params;
			const task = world.taskFor(req.grant.locationId, contactId, taskId);
			const { completed } = bodyOf(req);
			if (typeof completed !== 'boolean') throw unprocessable('completed must be a boolean value');
			return ok({ task: taskView(save(task, { completed })) });
		},

		'delete-task': (req) => {
			const { contactId, taskId } = req.params;
			world.taskFor(req.grant.locationId, contactId, taskId);
			world.tasks.delete(contactId, taskId);
			return ok(SUCCEEDED);
		},

		/** `POST /locations/{locationId}/tasks/search`: every task of the location, by due date. */
		'task-search': (req) => {
			const body = bodyOf(req);
			const { locationId } = req.grant;
			const contactIds =
				body.contactId === undefined ? undefined : requireStringArray(body.contactId, 'contactId');
			const assignees =
				body.assignedTo === undefined
					? undefined
					: requireStringArray(body.assignedTo, 'assignedTo');
			if (body.completed !== undefined && typeof body.completed !== 'boolean') {
				throw unprocessable('completed must be a boolean value');
			}
			if (body.query !== undefined && typeof body.query !== 'string')
				throw unprocessable('query must be a string');
			if (body.businessId !== undefined && typeof body.businessId !== 'string') {
				throw unprocessable('businessId must be a string');
			}
			const limit = body.limit ?? 25;
			const skip = body.skip ?? 0;
			if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
				throw unprocessable('limit must be a positive integer');
			}
			if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0) {
				throw unprocessable('skip must not be less than 0');
			}
			const query = (body.query as string | undefined)?.toLowerCase();
			const matches: TaskRecord[] = [];
			for (const task of world.tasks.all()) {
				if (task.locationId !== locationId) continue;
				if (contactIds && !contactIds.includes(task.contactId)) continue;
				if (assignees && !(task.assignedTo && assignees.includes(task.assignedTo))) continue;
				if (body.completed !== undefined && task.completed !== body.completed) continue;
				if (query && !`${task.title} ${task.body ?? ''}`.toLowerCase().includes(query)) continue;
				if (
					body.businessId !== undefined &&
					world.contacts.get(task.contactId)?.businessId !== body.businessId
				)
					continue;
				matches.push(task);
			}
			return ok({
				tasks: matches
					.sort(byDueDate)
					.slice(skip, skip + limit)
					.map(taskView),
			});
		},
	};
};
