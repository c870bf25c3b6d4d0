import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './lib/install';
import type { WorkflowJson } from './workflowBuilder';

export interface Example {
	file: string;
	workflow: WorkflowJson;
	/** Starts with the GHL trigger, so it runs only in a started n8n (the CLI cannot poll). */
	polling: boolean;
}

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export function loadExamples(): Example[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
			const polling = workflow.nodes.some((node) => node.type.endsWith('ghlContactsTrigger'));
			return { file, workflow, polling };
		});
}

export function example(file: string): Example {
	const found = loadExamples().find((e) => e.file === file);
	if (!found) throw new Error(`examples/${file} is missing`);
	return found;
}
