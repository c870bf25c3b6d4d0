import { NodeHelpers } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import {
	builtDescription,
	panelCase,
	panelGroups,
	ruleViolations,
} from '../../e2e/lib/panelExpectations';
import { LOCATION_OPERATIONS } from '../../nodes/GhlContacts/helpers/location';

/**
 * The panels as n8n's display rules lay them out (the built descriptions), against what a person
 * needs said in words: the browser layer opens the same cases in the editor.
 */
describe('panels', () => {
	it.each(panelGroups().map((group) => [group.type, group] as const))(
		'%s: every panel follows the rules',
		(_type, { cases, rules }) => {
			expect(ruleViolations(cases, rules)).toEqual([]);
		},
	);

	it('Request Options offers Location ID exactly where the operation sends a location', () => {
		const contacts = builtDescription('GhlContacts/GhlContacts.node.js', 'GhlContacts');
		const requestOptions = contacts.properties.find((p) => p.name === 'requestOptions');
		const locationOption = (requestOptions?.options ?? []).find(
			(option) => 'name' in option && option.name === 'locationId',
		) as INodeProperties;
		const cases = panelGroups()[0].cases.filter((c) => !c.parameters.locationId);
		const offered = cases.filter((c) =>
			NodeHelpers.displayParameterPath(
				{ parameters: c.parameters },
				locationOption,
				'parameters.requestOptions',
				null,
				contacts,
			),
		);
		const sends = Object.entries(LOCATION_OPERATIONS).flatMap(([resource, operations]) =>
			operations.map((operation) => `${resource}: ${operation}`),
		);
		expect(offered.map((c) => c.label).sort()).toEqual(sends.sort());
		expect(offered.map((c) => c.label)).toContain('contact: getAll');
		expect(offered.map((c) => c.label)).not.toContain('contact: get');
	});

	it('takes tags one way everywhere: the tag picker, which also takes typed tags', () => {
		const contacts = builtDescription('GhlContacts/GhlContacts.node.js', 'GhlContacts');
		const all = (properties: unknown[]): INodeProperties[] =>
			(properties as INodeProperties[]).flatMap((property) => [
				property,
				...all((property.options ?? []) as unknown[]),
				...all(((property as { values?: unknown[] }).values ?? []) as unknown[]),
			]);
		const tagFields = all(contacts.properties).filter(
			(p) => p.type !== 'notice' && /^Tags\b/.test(p.displayName),
		);
		const shape = (field: INodeProperties) => ({
			type: field.type,
			options: field.type === 'fixedCollection' ? field.options : undefined,
		});
		const [picker, ...others] = tagFields.filter((field) => field.displayName === 'Tags');
		expect(picker.options).toEqual([
			expect.objectContaining({
				values: [
					expect.objectContaining({
						type: 'resourceLocator',
						modes: [
							expect.objectContaining({
								type: 'list',
								typeOptions: { searchListMethod: 'searchTags', searchable: true },
							}),
							expect.objectContaining({ name: 'name', type: 'string' }),
						],
					}),
				],
			}),
		]);
		expect(others.length).toBeGreaterThanOrEqual(5);
		for (const field of others) expect(shape(field)).toEqual(shape(picker));
		// The one exception, text as older nodes saved it, is offered only while it holds a value.
		const legacy = tagFields.filter((field) => field.displayName !== 'Tags');
		expect(legacy.map((field) => [field.name, field.displayOptions])).toEqual([
			['tags', { show: { tags: [{ _cnd: { exists: true } }] } }],
		]);
	});

	it('the trigger shows Contact IDs once for New Note with task events, from either source', () => {
		const poll = builtDescription(
			'GhlContactsTrigger/GhlContactsTrigger.node.js',
			'GhlContactsTrigger',
		);
		const shown = (values: Record<string, unknown>) =>
			poll.properties.filter(
				(property) =>
					property.name === 'contactIds' &&
					NodeHelpers.displayParameter(
						panelCase(poll, 'probe', values as never).parameters,
						property,
						null,
						poll,
					),
			).length;
		expect(shown({ events: ['newTask'], taskSource: 'location' })).toBe(0);
		expect(shown({ events: ['newTask'], taskSource: 'contacts' })).toBe(1);
		expect(shown({ events: ['newNote'] })).toBe(1);
		expect(shown({ events: ['newNote', 'taskCompleted'], taskSource: 'contacts' })).toBe(1);
		expect(shown({ events: ['newNote', 'taskCompleted'], taskSource: 'location' })).toBe(1);
		expect(shown({ events: ['newContact'] })).toBe(0);
	});
});
