import { NodeHelpers } from 'n8n-workflow';

import {
	builtDescription,
	panelCase,
	panelGroups,
	ruleViolations,
} from '../../e2e/lib/panelExpectations';

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
