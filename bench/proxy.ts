import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';

export const GHL_HOST = 'services.leadconnectorhq.com';

/** A throwaway CA (for NODE_EXTRA_CA_CERTS) and a certificate for GHL's host signed by it. */
export function makeCertificates(): { dir: string; caFile: string; key: string; cert: string } {
	const dir = mkdtempSync(join(tmpdir(), 'ghl-bench-ca-'));
	const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
	openssl(
		'req',
		'-x509',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-keyout',
		'ca.key',
		'-out',
		'ca.pem',
		'-days',
		'2',
		'-subj',
		'/CN=GHL bench CA',
	);
	openssl(
		'req',
		'-newkey',
		'rsa:2048',
		'-nodes',
		'-keyout',
		'host.key',
		'-out',
		'host.csr',
		'-subj',
		`/CN=${GHL_HOST}`,
	);
	writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=DNS:${GHL_HOST}\n`);
	openssl(
		'x509',
		'-req',
		'-in',
		'host.csr',
		'-CA',
		'ca.pem',
		'-CAkey',
		'ca.key',
		'-CAcreateserial',
		'-out',
		'host.pem',
		'-days',
		'2',
		'-extfile',
		'ext.cnf',
	);
	return {
		dir,
		caFile: join(dir, 'ca.pem'),
		key: readFileSync(join(dir, 'host.key'), 'utf8'),
		cert: readFileSync(join(dir, 'host.pem'), 'utf8'),
	};
}

export interface RunningProxy {
	url: string;
	/** Requests forwarded to the sandbox so far. */
	forwarded: number;
	close(): Promise<void>;
}

/**
 * An HTTPS proxy (CONNECT) that answers for GHL's host itself: it terminates TLS with the local
 * certificate and forwards the plain requests to the sandbox. Any other host is refused, so
 * nothing leaves the machine.
 */
export async function startGhlProxy(
	sandboxUrl: string,
	certificates: { key: string; cert: string },
): Promise<RunningProxy> {
	const target = new URL(sandboxUrl);
	const state = { forwarded: 0 };
	const inner = http.createServer((req, res) => {
		state.forwarded++;
		const upstream = http.request(
			{
				host: target.hostname,
				port: target.port,
				method: req.method,
				path: req.url,
				headers: { ...req.headers, host: target.host },
			},
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.destroy());
		req.pipe(upstream);
	});
	const outer = http.createServer((_req, res) => res.writeHead(405).end());
	outer.on('connect', (req, socket) => {
		if (req.url !== `${GHL_HOST}:443`) {
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		const secure = new tls.TLSSocket(socket, { isServer: true, ...certificates });
		secure.on('error', () => socket.destroy());
		inner.emit('connection', secure);
	});
	await new Promise<void>((resolve) => outer.listen(0, '127.0.0.1', resolve));
	const { port } = outer.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		get forwarded() {
			return state.forwarded;
		},
		close: async () => {
			outer.closeAllConnections();
			inner.closeAllConnections();
			await new Promise((resolve) => outer.close(resolve));
		},
	};
}
