import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** The headers GHL signs deliveries with: Ed25519 (current) and RSA-SHA256 (legacy). */
export const SIGNATURE_HEADERS = { ed25519: 'x-ghl-signature', rsa: 'x-wh-signature' } as const;

export interface KeyPair {
	publicKey: KeyObject;
	privateKey: KeyObject;
}

export interface SigningKeys {
	ed25519: KeyPair;
	rsa: KeyPair;
}

/**
 * GHL's legacy key is RSA-4096; the sandbox uses 2048 bits because generating 4096 costs seconds
 * of CPU per process, and verification is the same code at any key size.
 */
const RSA_BITS = 2048;

export function generateSigningKeys(): SigningKeys {
	return {
		ed25519: generateKeyPairSync('ed25519'),
		rsa: generateKeyPairSync('rsa', { modulusLength: RSA_BITS }),
	};
}

let processKeys: SigningKeys | undefined;

/** One key set per process: every sandbox started in it signs alike (generated on first use). */
export function sandboxKeys(): SigningKeys {
	processKeys ??= generateSigningKeys();
	return processKeys;
}

export type SignatureSchemes = 'both' | 'ed25519' | 'rsa';

/** Signature headers for exactly these bytes, as GHL sends them (base64). */
export function signatureHeaders(
	body: Buffer,
	keys: SigningKeys,
	schemes: SignatureSchemes = 'both',
): Record<string, string> {
	const headers: Record<string, string> = {};
	if (schemes !== 'rsa') {
		headers[SIGNATURE_HEADERS.ed25519] = sign(null, body, keys.ed25519.privateKey).toString(
			'base64',
		);
	}
	if (schemes !== 'ed25519') {
		headers[SIGNATURE_HEADERS.rsa] = sign('sha256', body, keys.rsa.privateKey).toString('base64');
	}
	return headers;
}

export function publicKeysPem(keys: SigningKeys): { ed25519: string; rsa: string } {
	const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();
	return { ed25519: pem(keys.ed25519.publicKey), rsa: pem(keys.rsa.publicKey) };
}
