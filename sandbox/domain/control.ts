import { GhlApiError } from '../types';
import type { HandlerResult } from '../types';
import { MAIN_LOCATION_ID } from '../identities';
import { applyContactInput, blankContact, requireStringArray } from './contactInput';
import { requireEpochMs } from './dates';
import { unprocessable } from './errors';
import { objectBody } from './json';
import type { ContactRecord, TaskRecord } from './records';
import type { World } from './world';

export interface ControlRequest {
	params: Record<string, string>;
	query: Record<string, string | string[]>;
	body: unknown;
}

export interface ControlRoute {
	method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	path: string;
	handle(req: ControlRequest): HandlerResult;
}

function input(req: ControlRequest): Record<string, unknown> {
	return objectBody(req.body);
}

function missing(kind: string, id: string): GhlApiError {
	return new GhlApiError(404, `${kind} ${id} not found`);
}

/** Control-only contact fields that the API computes or does not accept. */
function controlFields(body: Record<string, unknown>): Partial<ContactRecord> {
	const fields: { -readonly [K in keyof ContactRecord]?: ContactRecord[K] } = {};
	if (body.dateAdded !== undefined) fields.dateAdded = requireEpochMs(body.dateAdded, 'dateAdded');
	if (body.dateUpdated !== undefined)
		fields.dateUpdated = requireEpochMs(body.dateUpdated, 'dateUpdated');
	if (typeof body.type === 'string') fields.type = body.type;
	if (body.businessId !== undefined)
		fields.businessId = (body.businessId as string | null) ?? undefined;
	if (body.followers !== undefined)
		fields.followers = requireStringArray(body.followers, 'followers');
	return fields;
}

/** Task fields with defaults filled in for a create; only given fields for a change. */
function taskFields(body: Record<string, unknown>): Partial<TaskRecord> {
	const fields: Partial<TaskRecord> = {};
	if (typeof body.title === 'string') fields.title = body.title;
	if (typeof body.body === 'string') fields.body = body.body;
	if (typeof body.assignedTo === 'string') fields.assignedTo = body.assignedTo;
	if (typeof body.completed === 'boolean') fields.completed = body.completed;
	if (body.dueDate !== undefined) fields.dueDate = requireEpochMs(body.dueDate, 'dueDate');
	if (body.dateAdded !== undefined) fields.dateAdded = requireEpochMs(body.dateAdded, 'dateAdded');
	if (body.dateUpdated !== undefined)
		fields.dateUpdated = requireEpochMs(body.dateUpdated, 'dateUpdated');
	return fields;
}

/**
 * Routes that let tests and the demo shape data at chosen timestamps, without the API's checks
 * (no auth, no duplicate rule). Timestamps default to the sandbox clock.
 */
export function controlRoutes(world: World): ControlRoute[] {
	const contact = (id: string) => {
		const found = world.contacts.get(id);
		if (!found) throw missing('Contact', id);
		return found;
	};
	const task = (contactId: string, taskId: string) => {
		contact(contactId);
		const found = world.tasks.get(contactId, taskId);
		if (!found) throw missing('Task', taskId);
		return found;
	};
	const createContact = (body: Record<string, unknown>): ContactRecord => {
		const locationId = typeof body.locationId === 'string' ? body.locationId : MAIN_LOCATION_ID;
		world.settingsOf(locationId);
		const base = blankContact(world, locationId, world.clock.now());
		const fields = controlFields(body);
		const record = { ...applyContactInput(world, base, body), ...fields };
		if (fields.dateAdded !== undefined && fields.dateUpdated === undefined)
			record.dateUpdated = record.dateAdded;
		world.saveContact(record);
		return record;
	};

	return [
		{
			method: 'POST',
			path: '/contacts',
			handle: (req) => ({ status: 201, body: { contact: createContact(input(req)) } }),
		},
		{
			method: 'GET',
			path: '/contacts/:contactId',
			handle: (req) => ({ status: 200, body: { contact: contact(req.params.contactId) } }),
		},
		{
			method: 'PATCH',
			path: '/contacts/:contactId',
			handle: (req) => {
				const body = input(req);
				const current = contact(req.params.contactId);
				const next = {
					...applyContactInput(world, current, body),
					dateUpdated: world.clock.now(),
					...controlFields(body),
				};
				world.saveContact(next);
				return { status: 200, body: { contact: next } };
			},
		},
		{
			method: 'DELETE',
			path: '/contacts/:contactId',
			handle: (req) => {
				contact(req.params.contactId);
				world.deleteContact(req.params.contactId);
				return { status: 200, body: { deleted: true } };
			},
		},
		{
			method: 'POST',
			path: '/contacts/:contactId/tasks',
			handle: (req) => {
				const owner = contact(req.params.contactId);
				const now = world.clock.now();
				const record: TaskRecord = {
					id: world.newId(),
					contactId: owner.id,
					locationId: owner.locationId,
					title: 'Sandbox task',
					dueDate: now + 24 * 60 * 60 * 1000,
					completed: false,
					dateAdded: now,
					dateUpdated: now,
					...taskFields(input(req)),
				};
				world.tasks.put(record);
				return { status: 201, body: { task: record } };
			},
		},
		{
			method: 'PATCH',
			path: '/contacts/:contactId/tasks/:taskId',
			handle: (req) => {
				const current = task(req.params.contactId, req.params.taskId);
				const record = { ...current, dateUpdated: world.clock.now(), ...taskFields(input(req)) };
				world.tasks.put(record);
				return { status: 200, body: { task: record } };
			},
		},
		{
			method: 'DELETE',
			path: '/contacts/:contactId/tasks/:taskId',
			handle: (req) => {
				task(req.params.contactId, req.params.taskId);
				world.tasks.delete(req.params.contactId, req.params.taskId);
				return { status: 200, body: { deleted: true } };
			},
		},
		{
			method: 'POST',
			path: '/contacts/:contactId/notes',
			handle: (req) => {
				const owner = contact(req.params.contactId);
				const body = input(req);
				const now = world.clock.now();
				const dateAdded =
					body.dateAdded === undefined ? now : requireEpochMs(body.dateAdded, 'dateAdded');
				const note = {
					id: world.newId(),
					contactId: owner.id,
					locationId: owner.locationId,
					body: typeof body.body === 'string' ? body.body : 'Sandbox note',
					userId: typeof body.userId === 'string' ? body.userId : undefined,
					title: typeof body.title === 'string' ? body.title : undefined,
					pinned: body.pinned === true,
					dateAdded,
					dateUpdated: dateAdded,
				};
				world.notes.put(note);
				return { status: 201, body: { note } };
			},
		},
		{
			method: 'POST',
			path: '/locations',
			handle: (req) => {
				// Another sub-account, empty: an agency's second or fifth location.
				const { id, allowDuplicates = true } = input(req);
				if (typeof id !== 'string' || !/^[A-Za-z0-9]{20}$/.test(id)) {
					throw unprocessable('id must be 20 letters or digits, like GHL location ids');
				}
				if (typeof allowDuplicates !== 'boolean')
					throw unprocessable('allowDuplicates must be a boolean');
				if (world.locations.has(id)) throw unprocessable(`location ${id} exists`);
				world.locations.set(id, { id, allowDuplicates });
				return { status: 201, body: { location: { id, allowDuplicates } } };
			},
		},
		{
			method: 'POST',
			path: '/bulk/contacts',
			handle: (req) => {
				const body = input(req);
				const count = body.count;
				if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 100000) {
					throw unprocessable('count must be an integer from 1 to 100000');
				}
				const template = { ...body };
				delete template.count;
				const ids: string[] = [];
				for (let i = 0; i < count; i++) {
					const n = world.contacts.size + 1;
					const record = createContact({
						firstName: 'Bulk',
						lastName: `Contact ${n}`,
						email: `bulk.contact.${n}.${i}@sandbox-bulk.test`,
						...template,
					});
					ids.push(record.id);
				}
				return { status: 201, body: { count: ids.length, ids } };
			},
		},
		{
			method: 'GET',
			path: '/stats',
			handle: () => {
				const perLocation: Record<string, number> = {};
				for (const c of world.contacts.values())
					perLocation[c.locationId] = (perLocation[c.locationId] ?? 0) + 1;
				return {
					status: 200,
					body: {
						now: world.clock.now(),
						contacts: world.contacts.size,
						contactsByLocation: perLocation,
						deletedContacts: world.deletedContactIds.size,
						tasks: world.tasks.count(),
						notes: world.notes.count(),
						appointments: world.appointments.count(),
						users: world.users.length,
						workflows: world.workflows.length,
						campaigns: world.campaigns.length,
						businesses: world.businesses.length,
						customFields: world.customFields.length,
						locationTags: world.locationTags.length,
					},
				};
			},
		},
	];
}
