import { createServer } from 'node:net';

function listenOn(port: number): Promise<number | undefined> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(undefined));
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				resolve(typeof address === 'object' && address ? address.port : undefined),
			);
		});
	});
}

/** A port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
	const port = await listenOn(0);
	if (port === undefined) throw new Error('no free port on 127.0.0.1');
	return port;
}

/** The preferred port when it is free, else any free one. */
export async function preferredPort(preferred: number): Promise<number> {
	return (await listenOn(preferred)) ?? (await freePort());
}
