import { createHash, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'crypto';

import { GHL_ED25519_PUBLIC_KEY, GHL_RSA_PUBLIC_KEY } from './keys';

export const SIGNATURE_HEADERS = { ed25519: 'x-ghl-signature', rsa: 'x-wh-signature' } as const;

export interface SignatureKeys {
	/** PEM (SPKI); empty means HighLevel's published key. */
	ed25519?: string;
	rsa?: string;
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The key to verify with; undefined when the user's override is not a PEM public key. */
function publicKey(pem: string | undefined, fallback: string): KeyObject | undefined {
	try {
		return createPublicKey((pem ?? '').trim() || fallback);
	} catch {
		return undefined;
	}
}

function verifies(
	algorithm: 'sha256' | null,
	body: Uint8Array,
	key: KeyObject,
	signature: string,
): boolean {
	try {
		return verify(algorithm, body, key, Buffer.from(signature, 'base64'));
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
export function signatureFailure(
	body: Uint8Array,
	headers: Headers,
	keys: SignatureKeys,
): string | undefined {
	const ed25519 = header(headers, SIGNATURE_HEADERS.ed25519);
	const rsa = header(headers, SIGNATURE_HEADERS.rsa);
	if (ed25519 === undefined && rsa === undefined) return 'The request carries no GHL signature';
	if (ed25519 !== undefined) {
		const key = publicKey(keys.ed25519, GHL_ED25519_PUBLIC_KEY);
		if (!key) return 'The Ed25519 public key in the node’s options is not a PEM public key';
		if (!verifies(null, body, key, ed25519)) return 'The x-ghl-signature does not match the body';
	}
	if (rsa !== undefined) {
		const key = publicKey(keys.rsa, GHL_RSA_PUBLIC_KEY);
		if (!key) return 'The RSA public key in the node’s options is not a PEM public key';
		if (!verifies('sha256', body, key, rsa)) return 'The x-wh-signature does not match the body';
	}
	return undefined;
}

/** Compares in constant time (over digests, so lengths leak nothing either). */
export function sameSecret(given: string | undefined, expected: string): boolean {
	if (given === undefined || expected === '') return false;
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(given), digest(expected));
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
