import { idLocator } from '../common.descriptions';

export const workflowIdLocator = idLocator({
	name: 'workflowId',
	displayName: 'Workflow',
	searchMethod: 'searchWorkflows',
	placeholder: 'e.g. 78559bb3-b920-461e-b010-7b2a2816d2a9',
	description: 'The GHL workflow, picked from the list or as its ID',
});
