import type { INodeProperties } from 'n8n-workflow';

import { EVENTS, TASK_EVENTS } from './events';
import { DEFAULT_OVERLAP_SECONDS } from './settings';
import { authenticationProperty } from '../shared/credentials';
import { subAccountProperty } from '../shared/subAccount';

const WATCHABLE_FIELDS: Array<[name: string, value: string]> = [
	['Address', 'address1'],
	['Assigned To', 'assignedTo'],
	['City', 'city'],
	['Company Name', 'companyName'],
	['Country', 'country'],
	['Custom Fields', 'customFields'],
	['Date of Birth', 'dateOfBirth'],
	['DND', 'dnd'],
	['Email', 'email'],
	['First Name', 'firstName'],
	['Last Name', 'lastName'],
	['Phone', 'phone'],
	['Postal Code', 'postalCode'],
	['Source', 'source'],
	['State', 'state'],
	['Tags', 'tags'],
	['Type', 'type'],
	['Website', 'website'],
];

const contactIds: INodeProperties = {
	displayName: 'Contact IDs',
	name: 'contactIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. ocQHyuzHvysMo5N5VsXc, 2zQQDwcnj5H4jhTi1bCZ',
	description:
		'Contacts to watch, separated by commas (at most 50). Used by New Note, and by the task events when Task Source is Watched Contacts; each contact costs one request per poll.',
};

export const properties: INodeProperties[] = [
	authenticationProperty,
	subAccountProperty,
	{
		displayName:
			"Each poll costs GHL requests: 1 for New Contact and 1 for Contact Updated when nothing is new (1 more per 500 new or changed contacts), 1 per watched contact for notes and for Watched Contacts tasks. Polling every minute, 1 request a poll is 1,440 a day, 0.7% of GHL's daily budget of 200,000. The n8n log states each poll's cost and its daily share at the Poll Times chosen.",
		name: 'pollCost',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Trigger On',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: EVENTS.contactUpdated,
				value: 'contactUpdated',
				description: 'A contact was changed (optionally only when chosen fields change)',
			},
			{ name: EVENTS.newContact, value: 'newContact', description: 'A contact was created' },
			{
				name: EVENTS.newNote,
				value: 'newNote',
				description: 'A note was added to one of the watched contacts',
			},
			{ name: EVENTS.newTask, value: 'newTask', description: 'A task was created' },
			{
				name: EVENTS.taskCompleted,
				value: 'taskCompleted',
				description: 'A task was marked completed',
			},
			{
				name: EVENTS.taskOverdue,
				value: 'taskOverdue',
				description: 'An open task passed its due date (once per task and due date)',
			},
			{
				name: EVENTS.taskUpdated,
				value: 'taskUpdated',
				description: "A task's title, due date or assignee changed, or it was reopened",
			},
		],
		default: ['newContact'],
		description: 'Which events start the workflow; each item says which event it is',
	},
	{
		displayName: 'Only When These Fields Change',
		name: 'watchFields',
		type: 'multiOptions',
		options: WATCHABLE_FIELDS.map(([name, value]) => ({ name, value })),
		default: [],
		description:
			'For Contact Updated: emit only when one of these fields changed, with its old and new value. Empty: any change. A contact the trigger has not seen before has no old values yet, so its first change only records them.',
		displayOptions: { show: { events: ['contactUpdated'] } },
	},
	{
		displayName: 'Task Source',
		name: 'taskSource',
		type: 'options',
		options: [
			{
				name: 'Location (All Tasks)',
				value: 'location',
				description: 'Every task of the location; needs the scope locations/tasks.readonly',
			},
			{
				name: 'Watched Contacts',
				value: 'contacts',
				description: 'The tasks of the contacts listed below; needs only contacts.readonly',
			},
		],
		default: 'location',
		displayOptions: { show: { events: TASK_EVENTS } },
	},
	{
		displayName:
			"Location (All Tasks) reads every open task on each poll, 1 request per 100: 5,000 open tasks cost 51 requests a poll, which every minute is 73,440 a day, 37% of GHL's daily budget of 200,000 for the location. Past 5,000 open tasks the task events stop. For a busy location use the GHL Webhook Trigger (no requests) or Watched Contacts.",
		name: 'locationTasksCost',
		type: 'notice',
		default: '',
		displayOptions: { show: { events: TASK_EVENTS, taskSource: ['location'] } },
	},
	// Shown for New Note, or for a task event from Watched Contacts. One display rule ANDs its
	// parameters, so the OR takes two entries of the one parameter, never shown together.
	{ ...contactIds, displayOptions: { show: { events: ['newNote'] } } },
	{
		...contactIds,
		displayOptions: {
			show: { events: TASK_EVENTS, taskSource: ['contacts'] },
			hide: { events: ['newNote'] },
		},
	},
	{
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		hint: 'Each item names its event. Simplified: contact ID, name, email, phone, tags and date added; task ID, title, status, due date and contact ID; note ID, body, date added and contact ID; updates add their changes',
	},
	{
		displayName: 'On First Poll',
		name: 'firstPoll',
		type: 'options',
		options: [
			{
				name: 'Emit Nothing Old',
				value: 'nothingOld',
				description: 'Only what happens after the workflow is activated',
			},
			{
				name: 'Emit Since a Date',
				value: 'sinceDate',
				description: 'Contacts and notes from a date on (tasks have no dates: they start now)',
			},
			{
				name: 'Emit the Latest',
				value: 'latest',
				description: 'The most recent contacts and notes (tasks have no dates: they start now)',
			},
		],
		default: 'nothingOld',
	},
	{
		displayName: 'Since',
		name: 'sinceDate',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { firstPoll: ['sinceDate'] } },
	},
	{
		displayName: 'How Many',
		name: 'latestCount',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 500 },
		default: 10,
		description: 'How many of the most recent records of each event to emit on the first poll',
		displayOptions: { show: { firstPoll: ['latest'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Search Lag (Seconds)',
				name: 'overlapSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_OVERLAP_SECONDS,
				description:
					"GHL's contact search shows new and changed contacts a few seconds late. Each poll re-reads this window and skips what it already emitted, so late arrivals are still caught.",
			},
		],
	},
];
