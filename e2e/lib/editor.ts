import assert from 'node:assert/strict';

import { chromium, selectors } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

import { CHROMIUM_LAUNCH, ensureChromium } from './chromium';
import { OWNER } from './rest';

/**
 * How the project drives n8n's editor in headless Chromium, in one place: the browser layer
 * (e2e/phases/browser.ts) checks with it and `npm run screenshots` photographs with it, so the
 * README's images show the panels the checks opened.
 */

/** Wide enough for the node panel's input, parameters and output side by side. */
export const VIEWPORT = { width: 1440, height: 900 };

export interface Editor {
	browser: Browser;
	page: Page;
}

/** Chromium (installed when missing) with one page, finding elements by n8n's `data-test-id`. */
export async function launchEditor(step: (text: string) => void): Promise<Editor> {
	await ensureChromium(step);
	const browser = await chromium.launch(CHROMIUM_LAUNCH);
	const page = await browser.newPage({ viewport: VIEWPORT });
	page.setDefaultTimeout(20_000);
	selectors.setTestIdAttribute('data-test-id');
	return { browser, page };
}

/** Signs in as the owner through n8n's sign-in form, as a person does. */
export async function signIn(page: Page, n8nUrl: string): Promise<void> {
	await page.goto(`${n8nUrl}/signin`);
	await page.locator('input[type=email]').fill(OWNER.email);
	await page.locator('input[type=password]').fill(OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.includes('signin'));
}

/** A node's panel opened by its URL. */
export async function openNodeByUrl(
	page: Page,
	n8nUrl: string,
	workflowId: string,
	nodeId: string,
): Promise<void> {
	await page.goto(`${n8nUrl}/workflow/${workflowId}/${nodeId}`);
	await page.getByTestId('node-parameters').waitFor();
}

/** A node's panel opened from the canvas (closing any open panel first), as a person opens one. */
export async function openNodeOnCanvas(page: Page, name: string): Promise<void> {
	if (await page.getByTestId('ndv').isVisible()) await page.keyboard.press('Escape');
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await page.getByTestId('node-title-container').filter({ hasText: name }).waitFor();
}

/** Opens a workflow's canvas and waits for its nodes. */
export async function openWorkflow(page: Page, n8nUrl: string, workflowId: string): Promise<void> {
	await page.goto(`${n8nUrl}/workflow/${workflowId}`);
	await page.getByTestId('canvas-node').first().waitFor();
}

/** "Execute workflow" on the canvas, until every node shows its success mark. */
export async function executeWorkflow(page: Page): Promise<void> {
	const count = await page.getByTestId('canvas-node').count();
	await page.getByTestId('execute-workflow-button').click();
	await page
		.getByTestId('canvas-node-status-success')
		.nth(count - 1)
		.waitFor();
}

/**
 * Picks an entry of a resource locator's list, typing `search` into the list's search box. The
 * search is typed once the list's first load has shown: n8n 1.x can keep showing the unfiltered
 * answer to a search typed while that load is under way. A list without the entry fails naming
 * what it showed.
 */
export async function pickFromList(
	page: Page,
	locatorTestId: string,
	search: string,
	entry: string | RegExp,
): Promise<void> {
	const locator = page.getByTestId(locatorTestId).first();
	await locator.getByTestId('rlc-input').click();
	const items = page.locator('[data-test-id="rlc-item"]');
	await items
		.first()
		.waitFor({ timeout: 10_000 })
		.catch(() => undefined);
	await page.getByTestId('rlc-search').locator('xpath=self::input | .//input').first().fill(search);
	const wanted = items.filter({ hasText: entry }).first();
	const found = await wanted.waitFor().then(
		() => true,
		() => false,
	);
	const shown = found ? [] : await items.allInnerTexts();
	assert(found, `the list searched for "${search}" shows ${JSON.stringify(shown)}`);
	await wanted.click();
}
