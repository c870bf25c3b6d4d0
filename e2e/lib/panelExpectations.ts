import { join } from 'node:path';

import { NodeHelpers } from 'n8n-workflow';
import type { INode, INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { REPO_ROOT } from './install';

/** One state of a node's panel: the values that decide what it shows, and what it must show. */
export interface PanelCase {
	/** e.g. "contact: get", "events newNote, taskSource location". */
	label: string;
	parameters: INodeParameters;
	/** Top-level parameters a person must see, by name, with their type (how to find each). */
	visible: Array<Pick<INodeProperties, 'name' | 'displayName' | 'type'>>;
	/** Top-level parameters the panel must not show (none of their entries is displayed). */
	hidden: Array<Pick<INodeProperties, 'name' | 'displayName'>>;
	/** Whether the panel asks for a credential. */
	needsCredential: boolean;
}

/**
 * n8n shows the main auth field (`authentication`) next to the credential, not as a parameter,
 * and `hidden` parameters never.
 */
const NOT_IN_THE_PARAMETER_LIST = new Set(['authentication']);

export function builtDescription(file: string, className: string): INodeTypeDescription {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built file, loaded as n8n loads it
	const module = require(join(REPO_ROOT, 'dist', 'nodes', file)) as Record<
		string,
		new () => { description: INodeTypeDescription }
	>;
	return new module[className]().description;
}

/** What n8n's own display rules show for `values`, defaults filled in as the editor fills them. */
export function panelCase(
	description: INodeTypeDescription,
	label: string,
	values: INodeParameters,
): PanelCase {
	const node = {
		name: 'probe',
		type: description.name,
		typeVersion: 1,
		parameters: values,
	} as unknown as INode;
	const parameters =
		NodeHelpers.getNodeParameters(description.properties, values, true, false, node, description) ??
		values;
	const visible = description.properties.filter(
		(property) =>
			property.type !== 'hidden' &&
			!NOT_IN_THE_PARAMETER_LIST.has(property.name) &&
			NodeHelpers.displayParameter(parameters, property, node, description),
	);
	const shownNames = new Set(visible.map((property) => property.name));
	const hidden = new Map(
		description.properties
			.filter(
				(property) =>
					!shownNames.has(property.name) &&
					!NOT_IN_THE_PARAMETER_LIST.has(property.name) &&
					!['hidden', 'notice', 'collection', 'fixedCollection'].includes(property.type),
			)
			.map(({ name, displayName }) => [name, { name, displayName }]),
	);
	return {
		label,
		parameters,
		visible: visible.map(({ name, displayName, type }) => ({ name, displayName, type })),
		hidden: [...hidden.values()],
		needsCredential: (description.credentials ?? []).some((credential) =>
			NodeHelpers.displayParameter(parameters, credential, node, description),
		),
	};
}

function optionValues(description: INodeTypeDescription, name: string, shown: INodeParameters) {
	const property = description.properties.find(
		(p) =>
			p.name === name &&
			NodeHelpers.displayParameter(shown, p, null, description) &&
			p.type === 'options',
	);
	return (property?.options ?? []).map((option) => ('value' in option ? option.value : ''));
}

/** Every resource and operation of the action node. */
export function actionNodeCases(description: INodeTypeDescription): PanelCase[] {
	const cases: PanelCase[] = [];
	for (const resource of optionValues(description, 'resource', {})) {
		for (const operation of optionValues(description, 'operation', {
			resource,
		} as INodeParameters)) {
			cases.push(
				panelCase(description, `${String(resource)}: ${String(operation)}`, {
					resource,
					operation,
				} as INodeParameters),
			);
		}
	}
	return cases;
}

/** Each event of a trigger alone, and with each value of the parameters that event shows. */
export function eventCases(description: INodeTypeDescription, followUps: string[]): PanelCase[] {
	const events = description.properties.find((p) => p.name === 'events');
	const cases: PanelCase[] = [];
	for (const option of events?.options ?? []) {
		if (!('value' in option)) continue;
		const base = { events: [option.value] } as INodeParameters;
		cases.push(panelCase(description, `event ${String(option.value)}`, base));
		for (const name of followUps) {
			for (const value of optionValues(description, name, base)) {
				cases.push(
					panelCase(description, `event ${String(option.value)}, ${name} ${String(value)}`, {
						...base,
						[name]: value,
					} as INodeParameters),
				);
			}
		}
	}
	return cases;
}

/**
 * When a person needs a parameter, said in words rather than read from the display rules: a
 * wrong rule passes the check against the editor (which follows the rules) and fails here.
 */
export interface PanelRule {
	parameter: string;
	when: string;
	shown(values: INodeParameters): boolean;
}

const TASK_EVENT_VALUES = ['newTask', 'taskCompleted', 'taskUpdated', 'taskOverdue'];

export const TRIGGER_RULES: PanelRule[] = [
	{
		parameter: 'contactIds',
		when: 'New Note is chosen, or a task event with Task Source "Watched Contacts"',
		shown: ({ events, taskSource }) => {
			const chosen = (events as string[]) ?? [];
			return (
				chosen.includes('newNote') ||
				(chosen.some((event) => TASK_EVENT_VALUES.includes(event)) && taskSource === 'contacts')
			);
		},
	},
];

export const ACTION_RULES: PanelRule[] = [
	{
		parameter: 'locationId',
		when: 'the node holds a Location ID from before it moved into Request Options (the credential holds the location)',
		shown: ({ locationId }) => Boolean(locationId),
	},
];

/** Each case where a rule's parameter is shown when it should not be, or hidden when needed. */
export function ruleViolations(cases: PanelCase[], rules: PanelRule[]): string[] {
	return cases.flatMap((panel) =>
		rules.flatMap(({ parameter, when, shown }) => {
			const expected = shown(panel.parameters);
			const actual = panel.visible.some((property) => property.name === parameter);
			if (expected === actual) return [];
			return [
				`${panel.label}: ${parameter} is ${actual ? 'shown' : 'hidden'}; it shows when ${when}`,
			];
		}),
	);
}

/** The panels the checks open: each node's cases and the rules its panels must follow. */
export interface PanelGroup {
	type: string;
	cases: PanelCase[];
	rules: PanelRule[];
}

export function panelGroups(): PanelGroup[] {
	const contacts = builtDescription('GhlContacts/GhlContacts.node.js', 'GhlContacts');
	const poll = builtDescription(
		'GhlContactsTrigger/GhlContactsTrigger.node.js',
		'GhlContactsTrigger',
	);
	const webhook = builtDescription(
		'GhlWebhookTrigger/GhlWebhookTrigger.node.js',
		'GhlWebhookTrigger',
	);
	const webhookCases = ['signature', 'sharedSecret'].flatMap((verification) =>
		[true, false].map((fetchContact) =>
			panelCase(webhook, `verification ${verification}, fetch contact ${fetchContact}`, {
				events: ['ContactCreate'],
				verification,
				fetchContact,
			}),
		),
	);
	// New Note with a task event: Contact IDs once, whatever the Task Source.
	const noteAndTaskCases = ['location', 'contacts'].map((taskSource) =>
		panelCase(poll, `events newNote and newTask, taskSource ${taskSource}`, {
			events: ['newNote', 'newTask'],
			taskSource,
		}),
	);
	// A node saved when Location ID was a top-level field still shows it, with its value.
	const legacyLocation = panelCase(contacts, 'contact: getAll, saved with a Location ID', {
		resource: 'contact',
		operation: 'getAll',
		locationId: 'legacyLocation1',
	});
	return [
		{
			type: contacts.name,
			cases: [...actionNodeCases(contacts), legacyLocation],
			rules: ACTION_RULES,
		},
		{
			type: poll.name,
			cases: [...eventCases(poll, ['taskSource', 'firstPoll']), ...noteAndTaskCases],
			rules: TRIGGER_RULES,
		},
		{ type: webhook.name, cases: webhookCases, rules: [] },
	];
}
