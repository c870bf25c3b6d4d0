import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A round-robin reverse proxy in front of n8n's webhook processors, as a queue-mode install puts
 * one in front of them: each request goes to the next target in turn, so a retry of a delivery
 * reaches a different process than the delivery did. Remembers which target got each request.
 */
export class LoadBalancer {
	private next = 0;
	readonly routed: Array<{ path: string; target: number; status?: number }> = [];

	private readonly server = createServer((incoming, outgoing) => {
		const target = this.next++ % this.targets.length;
		const entry: (typeof this.routed)[number] = { path: incoming.url ?? '', target };
		this.routed.push(entry);
		const upstream = new URL(incoming.url ?? '/', this.targets[target]);
		const forwarded = request(
			upstream,
			{ method: incoming.method, headers: { ...incoming.headers, host: upstream.host } },
			(answer) => {
				entry.status = answer.statusCode;
				outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(outgoing);
			},
		);
		forwarded.once('error', (error) => {
			entry.status = 502;
			outgoing.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
		});
		incoming.pipe(forwarded);
	});

	constructor(private readonly targets: string[]) {}

	async listen(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}
}
