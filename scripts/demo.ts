import { example } from '../e2e/examples';
import { startDemo } from '../e2e/lib/demo';
import { nodeItems } from '../e2e/lib/n8n';
import { preferredPort } from '../e2e/lib/ports';
import { OWNER } from '../e2e/lib/rest';
import { webhookExampleUrl } from '../e2e/workflows';

/**
 * `npm run demo`: the GHL sandbox with demo data and real n8n 2.41.1 with this package installed
 * as a community package, the owner, both credentials and the examples set up; one example run
 * headlessly; then the editor stays up with the trigger examples active (the sandbox pushing new
 * contacts to the webhook one) until Ctrl-C.
 * `--ci` (or CI=true) exits after the headless run.
 */
async function main(): Promise<void> {
	const ci = process.argv.includes('--ci') || process.env.CI === 'true';
	const step = (text: string) => console.log(`» ${text}`);

	const { sandbox, client, n8n, rest, demo, examples, shutDown } = await startDemo(
		{
			sandbox: await preferredPort(8787),
			n8n: await preferredPort(Number(process.env.DEMO_N8N_PORT ?? 5678)),
		},
		step,
	);

	const enrich = example('enrich-contact.json').workflow;
	step(`running "${enrich.name}" headlessly`);
	const execution = await n8n.execute(enrich.id);
	const [contact] = nodeItems(execution.run, 'Contact With Activity');
	if (execution.code !== 0 || !contact) {
		console.error(execution.stdout.slice(-3000));
		throw new Error(`the example failed (exit ${execution.code})`);
	}
	console.log(JSON.stringify(contact, null, 2));
	if (contact.id !== demo.id)
		throw new Error(`the example found ${String(contact.id)}, not ${demo.id}`);

	if (ci) {
		await shutDown();
		step('CI mode: done');
		return;
	}
	const triggered = examples.filter((e) => e.starts !== 'manual');
	for (const { workflow } of triggered) await rest.activate(workflow.id);
	await client.control('POST', '/webhooks', {
		url: webhookExampleUrl(n8n.url),
		events: ['ContactCreate'],
	});
	console.log(
		[
			'',
			`Editor:   ${n8n.url}`,
			`Login:    ${OWNER.email} / ${OWNER.password}`,
			`Active:   ${triggered.map((e) => e.workflow.name).join('; ')}`,
			`Examples: ${examples.map((e) => e.workflow.name).join('; ')}`,
			`Sandbox:  ${sandbox.url} (control API under /__sandbox; e.g. POST /__sandbox/contacts to add a contact: the sandbox pushes it to n8n at once, and the polling trigger finds it within a minute)`,
			'',
			'Ctrl-C stops n8n and the sandbox.',
		].join('\n'),
	);
	// The sandbox and n8n keep running until Ctrl-C, whose handler stops them by PID.
}

main().catch((error: Error) => {
	console.error(error.stack ?? error.message);
	process.exit(1);
});
