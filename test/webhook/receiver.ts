import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { RunningSandbox } from '../../sandbox/types';
import { control } from '../support/ghl';

export interface Received {
	headers: Record<string, string>;
	body: Buffer;
}

/** Decides the answer to one delivery (status 200 unless it says otherwise). */
export type Answer = (delivery: Received, index: number) => Promise<number> | number;

/**
 * A local HTTP endpoint the sandbox delivers webhooks to: it records every request and answers
 * with what `answer` says. Listens on a free loopback port until closed.
 */
export class Receiver {
	readonly received: Received[] = [];
	answer: Answer = () => 200;
	private answered = 0;
	private waiters: Array<() => void> = [];

	private constructor(
		private readonly server: Server,
		readonly url: string,
	) {}

	static async start(): Promise<Receiver> {
		const server = createServer((req, res) => {
			void read(req).then(async (received) => {
				const index = receiver.received.push(received) - 1;
				const status = await receiver.answer(received, index);
				res.writeHead(status).end();
				receiver.answered++;
				for (const wake of receiver.waiters.splice(0)) wake();
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		// Requests arrive only after listen(), by when the closure above can read it.
		const receiver = new Receiver(server, `http://127.0.0.1:${port}/ghl`);
		return receiver;
	}

	/** Resolves once `count` deliveries have been answered in all. */
	async waitFor(count: number): Promise<Received[]> {
		while (this.answered < count) {
			await new Promise<void>((resolve) => this.waiters.push(resolve));
		}
		return this.received;
	}

	clear(): void {
		this.received.length = 0;
		this.answered = 0;
		this.answer = () => 200;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}

async function read(req: IncomingMessage): Promise<Received> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (typeof value === 'string') headers[name] = value;
	}
	return { headers, body: Buffer.concat(chunks) };
}

/**
 * One receiver for a test file. Each test starts with the sandbox reset, failed deliveries retried
 * twice 5 ms apart, and the receiver answering 200 with nothing recorded.
 */
export function useReceiver(sandbox: () => RunningSandbox): () => Receiver {
	let receiver: Receiver;
	beforeAll(async () => {
		receiver = await Receiver.start();
	});
	afterAll(async () => {
		await receiver.close();
	});
	beforeEach(async () => {
		await control(sandbox(), 'POST', '/reset');
		await control(sandbox(), 'PUT', '/webhooks/policy', { retries: 2, baseDelayMs: 5 });
		receiver.clear();
	});
	return () => receiver;
}
