import { GHL_ED25519_PUBLIC_KEY, GHL_RSA_PUBLIC_KEY } from './keys';

/*
 * Verification uses the runtime's WebCrypto (the global `crypto.subtle`, in every Node that n8n
 * supports), so the shipped code imports nothing beyond n8n-workflow, luxon and its own files.
 */

export const SIGNATURE_HEADERS = { ed25519: 'x-ghl-signature', rsa: 'x-wh-signature' } as const;

export interface SignatureKeys {
	/** PEM (SPKI); empty means HighLevel's published key. */
	ed25519?: string;
	rsa?: string;
}

type Headers = Record<string, string | string[] | undefined>;
type PublicKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

const ALGORITHMS = {
	ed25519: { name: 'Ed25519' },
	rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
} as const;

function header(headers: Headers, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The key to verify with; undefined when the user's override is not a PEM public key. */
async function publicKey(
	pem: string | undefined,
	fallback: string,
	scheme: keyof typeof ALGORITHMS,
): Promise<PublicKey | undefined> {
	const text = (pem ?? '').trim() || fallback;
	const match = /-----BEGIN PUBLIC KEY-----([\s\S]+?)-----END PUBLIC KEY-----/.exec(text);
	if (!match) return undefined;
	try {
		const der = Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
		return await crypto.subtle.importKey('spki', der, ALGORITHMS[scheme], false, ['verify']);
	} catch {
		return undefined;
	}
}

async function verifies(
	scheme: keyof typeof ALGORITHMS,
	body: Uint8Array,
	key: PublicKey,
	signature: string,
): Promise<boolean> {
	try {
		return await crypto.subtle.verify(
			ALGORITHMS[scheme],
			key,
			Buffer.from(signature, 'base64'),
			body,
		);
	} catch {
		// A signature of the wrong length or shape for the key is simply not a valid signature.
		return false;
	}
}

/**
 * Why the signatures on `body` fail, or undefined when they hold. Every signature header present
 * must verify (Ed25519 `x-ghl-signature`, RSA-SHA256 `x-wh-signature`) and at least one must be
 * present, so neither a stripped nor an added forged header gets through.
 */
export async function signatureFailure(
	body: Uint8Array,
	headers: Headers,
	keys: SignatureKeys,
): Promise<string | undefined> {
	const ed25519 = header(headers, SIGNATURE_HEADERS.ed25519);
	const rsa = header(headers, SIGNATURE_HEADERS.rsa);
	if (ed25519 === undefined && rsa === undefined) return 'The request carries no GHL signature';
	if (ed25519 !== undefined) {
		const key = await publicKey(keys.ed25519, GHL_ED25519_PUBLIC_KEY, 'ed25519');
		if (!key) return 'The Ed25519 public key in the node’s options is not a PEM public key';
		if (!(await verifies('ed25519', body, key, ed25519))) {
			return 'The x-ghl-signature does not match the body';
		}
	}
	if (rsa !== undefined) {
		const key = await publicKey(keys.rsa, GHL_RSA_PUBLIC_KEY, 'rsa');
		if (!key) return 'The RSA public key in the node’s options is not a PEM public key';
		if (!(await verifies('rsa', body, key, rsa)))
			return 'The x-wh-signature does not match the body';
	}
	return undefined;
}

/** Compares in constant time (over digests, so lengths leak nothing either). */
export async function sameSecret(given: string | undefined, expected: string): Promise<boolean> {
	if (given === undefined || expected === '') return false;
	const digest = async (value: string) =>
		new Uint8Array(await crypto.subtle.digest('SHA-256', Buffer.from(value, 'utf8')));
	const [a, b] = await Promise.all([digest(given), digest(expected)]);
	let difference = 0;
	for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
	return difference === 0;
}

export interface SecretLocation {
	in: 'header' | 'query';
	name: string;
}

/** The secret the request presents, from the header or query parameter the user chose. */
export function presentedSecret(
	location: SecretLocation,
	headers: Headers,
	query: Record<string, unknown>,
): string | undefined {
	if (location.in === 'header') return header(headers, location.name.toLowerCase());
	const value = query[location.name];
	return typeof value === 'string' ? value : undefined;
}
