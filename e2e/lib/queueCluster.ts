import { installCommunityPackage } from './install';
import type { N8nHost } from './install';
import { N8n } from './n8n';
import { freePort } from './ports';
import { waitFor } from './rest';
import { startPostgres, startRedis } from './services';
import type { Service } from './services';

export interface QueueClusterShape {
	workers: number;
	webhookProcessors: number;
	/** Executions one worker runs at once (`n8n worker --concurrency`). */
	concurrency: number;
}

/**
 * n8n in queue mode as an agency runs it: one Postgres database and one Redis queue on
 * loopback, a main instance (editor, REST, triggers and polls; no production webhooks), workers
 * that take executions from the queue, and webhook processors that receive production webhooks.
 * Every process has its own user folder with the package installed as a community package, and
 * all share one encryption key.
 */
export class QueueCluster {
	private constructor(
		readonly main: N8n,
		readonly workers: N8n[],
		readonly webhookProcessors: N8n[],
		private readonly services: Service[],
	) {}

	static async start(
		host: N8nHost,
		tarball: string,
		shape: QueueClusterShape,
		beforeStart: (main: N8n) => Promise<void>,
	): Promise<QueueCluster> {
		const services: Service[] = [];
		const processes: N8n[] = [];
		try {
			const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
			services.push(postgres, redis);
			const settings = queueSettings(postgres.port, redis.port);
			const made = async (role: 'start' | 'worker' | 'webhook') => {
				const n8n = new N8n(host, await freePort(), settings, role);
				processes.push(n8n);
				return n8n;
			};
			const main = await made('start');
			const workers = await Promise.all(
				Array.from({ length: shape.workers }, () => made('worker')),
			);
			const webhookProcessors = await Promise.all(
				Array.from({ length: shape.webhookProcessors }, () => made('webhook')),
			);
			await Promise.all(processes.map((n8n) => installCommunityPackage(n8n.userFolder, tarball)));
			// The first CLI command creates the schema; the other processes start on it.
			await beforeStart(main);
			await main.start(180_000);
			await Promise.all([
				...workers.map((worker) => worker.start(180_000, [`--concurrency=${shape.concurrency}`])),
				...webhookProcessors.map((processor) => processor.start(180_000)),
			]);
			return new QueueCluster(main, workers, webhookProcessors, services);
		} catch (error) {
			await Promise.all(processes.map((n8n) => n8n.dispose()));
			await Promise.all(services.map((service) => service.stop()));
			throw error;
		}
	}

	/**
	 * Waits until every webhook processor knows a production webhook that main just activated:
	 * they learn it a moment later, and answer 404 until then. A GET to a POST webhook probes it
	 * without starting an execution (n8n answers that the webhook wants another method).
	 */
	async webhookKnownEverywhere(path: string): Promise<void> {
		for (const processor of this.webhookProcessors) {
			await waitFor(`${processor.url}${path} to be registered`, async () => {
				const answer = await fetch(processor.url + path);
				const text = await answer.text();
				return answer.status !== 404 || /did you mean/i.test(text) ? true : undefined;
			});
		}
	}

	/** The worker whose log names the execution, by index (-1: none does). */
	workerOf(executionId: string): number {
		const started = new RegExp(`\\bexecution ${executionId}\\b`);
		return this.workers.findIndex((worker) => started.test(worker.log));
	}

	async stop(): Promise<void> {
		await Promise.all(
			[this.main, ...this.workers, ...this.webhookProcessors].map((n8n) => n8n.dispose()),
		);
		await Promise.all(this.services.map((service) => service.stop()));
	}
}

/** The settings every process of the cluster shares (n8n's queue-mode documentation). */
function queueSettings(postgresPort: number, redisPort: number): Record<string, string> {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: 'postgres',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: 'n8n',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Production webhooks go to the webhook processors only, as behind a load balancer.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
	};
}
