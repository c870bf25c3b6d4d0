import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';

import { example } from '../e2e/examples';
import { startDemo } from '../e2e/lib/demo';
import {
	executeWorkflow,
	launchEditor,
	openNodeOnCanvas,
	openWorkflow,
	signIn,
	VIEWPORT,
} from '../e2e/lib/editor';
import { REPO_ROOT } from '../e2e/lib/install';
import { freePort, preferredPort } from '../e2e/lib/ports';

const DOCS_DIR = join(REPO_ROOT, 'docs');

/** The workflow the images show: the node panel is its last GHL Contacts node, after a run. */
const WORKFLOW = 'enrich-contact.json';
const NODE = 'Contact With Activity';

/**
 * `npm run screenshots`: the demo's n8n (port 5800) and sandbox, then headless Chromium, driven
 * by the browser layer's own driver (e2e/lib/editor.ts: sign-in form, canvas, panels), takes
 * docs/example-workflow.png (the example's canvas after a run) and docs/node-panel.png (the GHL
 * Contacts node's parameters with its input and output).
 */
async function main(): Promise<void> {
	const step = (text: string) => console.log(`» ${text}`);
	const { n8n, shutDown } = await startDemo(
		{ sandbox: await freePort(), n8n: await preferredPort(5800) },
		step,
	);
	try {
		step('headless Chromium');
		const { browser, page } = await launchEditor(step);
		try {
			await signIn(page, n8n.url);
			mkdirSync(DOCS_DIR, { recursive: true });
			await captureWorkflow(page, n8n.url, example(WORKFLOW).workflow.id);
			await captureNodePanel(page);
		} finally {
			await browser.close();
		}
	} finally {
		await shutDown();
	}
}

/** The example run from the editor, so every node shows its check mark and item counts. */
async function captureWorkflow(page: Page, n8nUrl: string, workflowId: string): Promise<void> {
	await openWorkflow(page, n8nUrl, workflowId);
	await executeWorkflow(page);
	// The "executed successfully" toast would cover the corner of both images.
	await page.locator('.el-notification__closeBtn').click();
	await page.locator('.el-notification').waitFor({ state: 'detached' });
	// Off the button, so it is caught at rest, label and all, rather than mid-hover.
	await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 4);
	await page.getByTestId('execute-workflow-button').getByText('Execute workflow').waitFor();
	await shoot(page, 'example-workflow.png');
}

async function captureNodePanel(page: Page): Promise<void> {
	await openNodeOnCanvas(page, NODE);
	const output = page.getByTestId('output-panel');
	// The schema view shows the tasks, notes and appointments the node added, not only the columns.
	await output.getByText('Schema', { exact: true }).click();
	await output.getByText('tasks', { exact: true }).first().waitFor();
	await shoot(page, 'node-panel.png');
}

async function shoot(page: Page, file: string): Promise<void> {
	const path = join(DOCS_DIR, file);
	await page.screenshot({ path, animations: 'disabled' });
	console.log(`» ${path}`);
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
