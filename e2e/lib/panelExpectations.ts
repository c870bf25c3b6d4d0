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
	return {
		label,
		parameters,
		visible: visible.map(({ name, displayName, type }) => ({ name, displayName, type })),
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
