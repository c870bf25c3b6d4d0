import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, selectors } from 'playwright-core';
import type { Page } from 'playwright-core';

import { example } from '../e2e/examples';
import { CHROMIUM_LAUNCH, ensureChromium } from '../e2e/lib/chromium';
import { startDemo } from '../e2e/lib/demo';
import { REPO_ROOT } from '../e2e/lib/install';
import { freePort, preferredPort } from '../e2e/lib/ports';

const DOCS_DIR = join(REPO_ROOT, 'docs');

/** Wide enough for the node panel's input, parameters and output side by side. */
const VIEWPORT = { width: 1440, height: 900 };

/** The workflow the images show: the node panel is its last GHL Contacts node, after a run. */
const WORKFLOW = 'enrich-contact.json';
const NODE = 'Contact With Activity';

/**
 * `npm run screenshots`: the demo's n8n (port 5800) and sandbox, then headless Chromium logged in
 * as the owner takes docs/example-workflow.png (the example's canvas after a run) and
 * docs/node-panel.png (the GHL Contacts node's parameters with its input and output).
 */
async function main(): Promise<void> {
	const step = (text: string) => console.log(`» ${text}`);
	await ensureChromium(step);
	const { n8n, rest, shutDown } = await startDemo(
		{ sandbox: await freePort(), n8n: await preferredPort(5800) },
		step,
	);
	const profile = mkdtempSync(join(tmpdir(), 'ghl-screenshots-chromium-'));
	try {
		step('headless Chromium');
		const context = await chromium.launchPersistentContext(profile, {
			...CHROMIUM_LAUNCH,
			viewport: VIEWPORT,
		});
		try {
			await context.addCookies([{ name: 'n8n-auth', value: rest.sessionToken, url: n8n.url }]);
			selectors.setTestIdAttribute('data-test-id');
			const page = context.pages()[0] ?? (await context.newPage());
			mkdirSync(DOCS_DIR, { recursive: true });
			await captureWorkflow(page, `${n8n.url}/workflow/${example(WORKFLOW).workflow.id}`);
			await captureNodePanel(page);
		} finally {
			await context.close();
		}
	} finally {
		rmSync(profile, { recursive: true, force: true });
		await shutDown();
	}
}

/** The example run from the editor, so every node shows its check mark and item counts. */
async function captureWorkflow(page: Page, url: string): Promise<void> {
	await page.goto(url);
	const nodes = page.getByTestId('canvas-node');
	await nodes.first().waitFor();
	const count = await nodes.count();
	await page.getByTestId('execute-workflow-button').click();
	await page
		.getByTestId('canvas-node-status-success')
		.nth(count - 1)
		.waitFor();
	// The "executed successfully" toast would cover the corner of both images.
	await page.locator('.el-notification__closeBtn').click();
	await page.locator('.el-notification').waitFor({ state: 'detached' });
	// Off the button, so it is caught at rest, label and all, rather than mid-hover.
	await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 4);
	await page.getByTestId('execute-workflow-button').getByText('Execute workflow').waitFor();
	await shoot(page, 'example-workflow.png');
}

async function captureNodePanel(page: Page): Promise<void> {
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE}"]`).dblclick();
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
