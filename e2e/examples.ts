import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './lib/install';
import type { WorkflowJson } from './workflowBuilder';

/** How an example starts: by hand (the CLI runs it), by polling GHL, or by GHL's pushes. */
export type ExampleStart = 'manual' | 'poll' | 'webhook';

export interface Example {
	file: string;
	workflow: WorkflowJson;
	/** Only manual examples run in the CLI; the others need a started n8n. */
	starts: ExampleStart;
}

function startOf(workflow: WorkflowJson): ExampleStart {
	const types = workflow.nodes.map((node) => node.type);
	if (types.some((type) => type.endsWith('.ghlContactsTrigger'))) return 'poll';
	if (types.some((type) => type.endsWith('.ghlWebhookTrigger'))) return 'webhook';
	return 'manual';
}

export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export function loadExamples(): Example[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as WorkflowJson;
			return { file, workflow, starts: startOf(workflow) };
		});
}

export function example(file: string): Example {
	const found = loadExamples().find((e) => e.file === file);
	if (!found) throw new Error(`examples/${file} is missing`);
	return found;
}
