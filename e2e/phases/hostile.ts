import {
	contactsPage,
	HOSTILE_ACCESS_TOKEN,
	HOSTILE_TOKEN,
	hostileCredential,
	hostileOAuthCredential,
	hostileSecretsIn,
	startHostileServer,
} from '../../test/support/hostileServer';
import type { HostileScript, HostileServer } from '../../test/support/hostileServer';
import { assert } from '../lib/expect';
import type { ExecutionRun, N8n } from '../lib/n8n';
import { nodeItems, storedRun } from '../lib/n8n';
import type { Report } from '../lib/report';
import type { N8nRest } from '../lib/rest';
import { byId, chain, ghlNode } from '../workflowBuilder';
import type { Credential } from '../workflowBuilder';

/**
 * The transport's defences against a broken or malicious GHL (test/node/hostile*.test.ts and
 * paging.test.ts prove them in n8n's engine), proven again inside the running n8n: a cursor that
 * never moves, a redirect to another origin, the credential's secret echoed in an error.
 */

const pit: Credential = { type: 'ghlApi', id: 'ghlHostilePit001', name: 'Hostile PIT' };
const oauth: Credential = { type: 'ghlOAuth2Api', id: 'ghlHostileOAu001', name: 'Hostile OAuth2' };

const REDIRECTS = [301, 302, 307, 308];
/** Each credential's workflow, and the secret its requests carry. */
const ECHOES = [
	{ workflow: 'echoPit', credential: pit, secret: HOSTILE_TOKEN },
	{ workflow: 'echoOAuth', credential: oauth, secret: HOSTILE_ACCESS_TOKEN },
] as const;

const continueOnFail = { onError: 'continueRegularOutput' } as const;
const getContact = { resource: 'contact', operation: 'get', contactId: byId('c1') };
const echo = (credential: Credential) =>
	chain(
		`e2eHostileEcho-${credential.type}`,
		`e2e hostile: errors echoing the ${credential.name} secret`,
		[
			{ ...ghlNode('Kept', getContact, credential), ...continueOnFail },
			ghlNode('Failed', getContact, credential),
		],
	);

const WORKFLOWS = {
	search: chain('e2eHostileSearch', 'e2e hostile: a search that answers the same page forever', [
		ghlNode('All Contacts', { resource: 'contact', operation: 'getAll', returnAll: true }, pit),
	]),
	legacy: chain('e2eHostileLegacy', 'e2e hostile: a legacy list whose cursor never moves', [
		ghlNode(
			'All Contacts',
			{ resource: 'contact', operation: 'getAllLegacy', returnAll: true },
			pit,
		),
	]),
	// Continue On Fail on all but the last: the items keep their errors, the last one fails the run.
	redirect: chain(
		'e2eHostileRedirect',
		'e2e hostile: notes answered with redirects to another origin',
		REDIRECTS.map((status, i) => ({
			...ghlNode(
				`Create Note ${status}`,
				{
					resource: 'note',
					operation: 'create',
					contactId: byId(`redirect${status}`),
					body: 'e2e: must not be written anywhere',
				},
				pit,
			),
			...(i < REDIRECTS.length - 1 ? continueOnFail : {}),
		})),
	),
	echoPit: echo(pit),
	echoOAuth: echo(oauth),
};

interface HostileGhl {
	/** The credentials' API Base URL. */
	api: HostileServer;
	/** Another origin, where redirects point. */
	elsewhere: HostileServer;
}

interface Context {
	report: Report;
	rest: N8nRest;
	n8n: N8n;
	ghl: HostileGhl;
	/** The id n8n gave each workflow. */
	ids: Record<keyof typeof WORKFLOWS, string>;
}

/** Runs a workflow in the started n8n, as the editor's Execute Workflow does; reads back what it stored. */
async function runOnServer(
	{ rest, n8n, ghl, ids }: Context,
	workflow: keyof typeof WORKFLOWS,
	script: HostileScript,
) {
	ghl.api.script(script);
	ghl.api.log.splice(0);
	ghl.elsewhere.log.splice(0);
	const execution = await rest.ended(await rest.runFromTrigger(ids[workflow], 'Start'));
	return { status: execution.status, run: storedRun(n8n.host, execution.data) };
}

const errorOf = (run: ExecutionRun) => run.data.resultData.error?.message;

async function assertAlive(n8n: N8n): Promise<void> {
	const health = await fetch(`${n8n.url}/healthz`);
	assert.equal(health.status, 200, `/healthz answered ${health.status}`);
}

/**
 * Last in the server phase: the hostile credentials are imported only now, so that the editor's
 * checks before it see only the sandbox's. The OAuth2 one comes with its tokens, which n8n takes
 * only from an import.
 */
export async function hostileChecks(report: Report, rest: N8nRest, n8n: N8n): Promise<void> {
	const api = await startHostileServer();
	const elsewhere = await startHostileServer();
	try {
		const ids = await report.must(
			'n8n imports the hostile GHL credentials, and saves their workflows over REST',
			async () => {
				await n8n.importCredentials([
					hostileCredential(api, pit.id),
					hostileOAuthCredential(api, oauth.id),
				]);
				const saved: Array<[string, string]> = [];
				for (const [key, workflow] of Object.entries(WORKFLOWS))
					saved.push([key, await rest.createWorkflow(workflow)]);
				return Object.fromEntries(saved) as Context['ids'];
			},
		);
		const context = { report, rest, n8n, ghl: { api, elsewhere }, ids };
		await endlessPaging(context);
		await redirects(context);
		for (const echo of ECHOES) await echoedSecret(context, echo);
	} finally {
		await Promise.all([api.close(), elsewhere.close()]);
	}
}

/** Listings whose server keeps them going forever; each must stop after its second page. */
const ENDLESS: Array<{
	workflow: 'search' | 'legacy';
	server: string;
	script: HostileScript;
	error: string;
	/** Method, path and the cursor each request carried. */
	requests: string[];
}> = [
	{
		workflow: 'search',
		server: 'Get Many answering the same page forever',
		script: () => ({
			body: {
				contacts: contactsPage(1, 500).map((c) => ({ ...c, searchAfter: [1, 'same'] })),
				total: 1_000_000,
			},
		}),
		error:
			'Get Many Contacts stopped: page 2 repeats records GHL had already returned, so the listing would never end',
		requests: ['POST /contacts/search null', 'POST /contacts/search [1,"same"]'],
	},
	{
		workflow: 'legacy',
		server: 'Legacy List with the same startAfterId forever',
		script: (_request, count) => ({
			body: {
				contacts: contactsPage(count, 100),
				meta: { total: 1_000_000, startAfterId: 'stuck', startAfter: 5 },
			},
		}),
		error:
			'Get Many Contacts (Legacy List) stopped: GHL sent the same page cursor again, so the listing would never end',
		requests: ['GET /contacts/ null', 'GET /contacts/ "stuck"'],
	},
];

async function endlessPaging(context: Context): Promise<void> {
	const { report, n8n, ghl } = context;
	const cursorOf = (request: HostileServer['log'][number]) =>
		request.query.startAfterId ??
		(request.body as { searchAfter?: unknown } | undefined)?.searchAfter;
	for (const { workflow, server, script, error, requests } of ENDLESS) {
		await report.check(
			`hostile GHL, ${server}: the run fails with the paging error after 2 requests, n8n stays up`,
			async () => {
				const { status, run } = await runOnServer(context, workflow, script);
				assert.equal(status, 'error');
				assert.equal(errorOf(run), error);
				assert.deepEqual(
					ghl.api.log.map((r) => `${r.method} ${r.path} ${JSON.stringify(cursorOf(r) ?? null)}`),
					requests,
				);
				await assertAlive(n8n);
			},
		);
	}
}

async function redirects(context: Context): Promise<void> {
	const { report, ghl } = context;
	const failure = (status: number) =>
		`Create Note failed: GHL answered ${status}, a redirect to ${ghl.elsewhere.url}/contacts/redirect${status}/notes, which the node does not follow (it sends the credential to the API Base URL only)`;
	await report.check(
		'hostile GHL redirecting Create Note (301, 302, 307, 308) to another origin: nothing reaches it, each note fails naming the target',
		async () => {
			const redirected = await runOnServer(context, 'redirect', (request) => ({
				status: Number(/redirect(\d+)/.exec(request.path)?.[1]),
				headers: { location: `${ghl.elsewhere.url}${request.path}` },
			}));
			const signed = (log: HostileServer['log']) =>
				log.map((r) => `${r.method} ${r.path} ${String(r.headers.authorization)}`);
			assert.deepEqual(signed(ghl.elsewhere.log), [], 'requests reached the redirect target');
			assert.deepEqual(
				signed(ghl.api.log),
				REDIRECTS.map((s) => `POST /contacts/redirect${s}/notes Bearer ${HOSTILE_TOKEN}`),
			);
			for (const status of REDIRECTS.slice(0, -1)) {
				assert.deepEqual(nodeItems(redirected.run, `Create Note ${status}`), [
					{ error: failure(status) },
				]);
			}
			assert.equal(redirected.status, 'error');
			assert.equal(errorOf(redirected.run), failure(REDIRECTS[REDIRECTS.length - 1]));
		},
	);
}

/** Each answer is an error repeating the request's Authorization header, URL-encoded, and its token. */
const echoAuthorization: HostileScript = (request) => {
	const authorization = String(request.headers.authorization);
	return {
		status: 400,
		body: {
			statusCode: 400,
			message: `Invalid header ${encodeURIComponent(authorization)}, unknown token ${authorization.replace(/^Bearer /, '')}`,
		},
	};
};

/**
 * With `n8n execute`, the CLI's output is checked too; the server reads the execution it stored
 * back over REST.
 */
async function echoedSecret(
	context: Context,
	{ workflow, credential, secret }: (typeof ECHOES)[number],
): Promise<void> {
	const { report, rest, n8n, ghl, ids } = context;
	const workflowId = ids[workflow];
	const expected = 'Get Contact failed: Invalid header Bearer <redacted>, unknown token <redacted>';
	await report.check(
		`hostile GHL echoing the ${credential.name} token: it is in no item, error, CLI output or stored execution`,
		async () => {
			ghl.api.script(echoAuthorization);
			ghl.api.log.splice(0);
			const execution = await n8n.execute(workflowId);
			assert.deepEqual(
				ghl.api.log.map((r) => r.headers.authorization),
				[`Bearer ${secret}`, `Bearer ${secret}`],
				'the requests did not carry the secret that is looked for',
			);
			const output = execution.stdout + execution.stderr;
			assert.deepEqual(hostileSecretsIn(output), [], 'secrets in the CLI output');
			const [stored, ...more] = await rest.executions(workflowId);
			assert.ok(stored, 'n8n stored no execution');
			assert.equal(more.length, 0, 'more than one execution');
			const { data, status } = await rest.execution(stored.id);
			assert.deepEqual(hostileSecretsIn(data), [], 'secrets in the stored execution');
			// What was searched holds the errors, redacted: the check above searched the right text.
			for (const run of [execution.run, storedRun(n8n.host, data)]) {
				assert.deepEqual(nodeItems(run, 'Kept'), [{ error: expected }]);
				assert.equal(run && errorOf(run), expected);
			}
			assert.notEqual(execution.code, 0, 'n8n execute exited 0');
			assert.equal(status, 'error');
		},
	);
}
