import { startSandbox } from '../../sandbox/server';
import { pitCredentials } from '../fixtures';
import type { N8nHost } from '../lib/install';
import { QueueCluster } from '../lib/queueCluster';
import type { Report } from '../lib/report';
import { N8nRest } from '../lib/rest';
import { SandboxClient } from '../lib/sandboxClient';
import { oauthFixtures, queueOAuth } from './queueOAuth';
import { queueThroughput, throughputFixtures } from './queueThroughput';
import { queueTriggers, triggerFixtures } from './queueTriggers';

/**
 * The package in n8n's queue mode: Postgres, Redis, a main instance, two workers and two webhook
 * processors, the sandbox as GHL at its real rate limit (100 requests per 10 s per token).
 */
export async function queuePhase(report: Report, host: N8nHost, tarball: string): Promise<void> {
	report.section(`queue mode on ${host.name}: main, 2 workers, 2 webhook processors`);
	const sandbox = await startSandbox({ port: 0, contacts: 40 });
	const client = new SandboxClient(sandbox);
	let cluster: QueueCluster | undefined;
	try {
		const throughput = await throughputFixtures(client);
		const oauth = oauthFixtures(client);
		const triggers = await triggerFixtures(client);
		cluster = await report.must(
			'Postgres, Redis and five n8n processes start, the package installed on each',
			() =>
				QueueCluster.start(
					host,
					tarball,
					{ workers: 2, webhookProcessors: 2, concurrency: 2 },
					async (main) => {
						await main.importCredentials([
							...pitCredentials(client),
							...throughput.credentials,
							...oauth.credentials,
						]);
						await main.importWorkflows([
							...throughput.workflows,
							...oauth.workflows,
							...triggers.workflows,
						]);
					},
				),
		);
		const rest = new N8nRest(cluster.main.url);
		await report.must('the owner is set up over REST and logs in', () => rest.setUpOwner());
		const context = { report, cluster, rest, client };
		await queueThroughput(context, throughput);
		await queueOAuth(context);
		await queueTriggers(context, triggers);
	} finally {
		await cluster?.stop();
		await sandbox.close();
	}
}

export interface QueueContext {
	report: Report;
	cluster: QueueCluster;
	rest: N8nRest;
	client: SandboxClient;
}
