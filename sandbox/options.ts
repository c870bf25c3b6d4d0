import type { SandboxOptions } from './types';

/** The sandbox as GHL behaves by default (limits from the API notes §5). */
export const DEFAULT_OPTIONS: Readonly<Required<SandboxOptions>> = {
	host: '127.0.0.1',
	port: 0,
	seed: 1,
	contacts: 250,
	indexLagMs: 0,
	latency: { fixedMs: 0, randomMs: 0, tokenMs: 0 },
	rateLimit: { burst: 100, windowMs: 10_000, daily: 200_000 },
	faults: { errorRate: 0, resetRate: 0, hangRate: 0, schedule: [] },
	accessTokenTtlSec: 86_399,
	validateResponses: true,
	retryAfter: true,
	autoApprove: true,
	autoApproveAs: 'location',
	locationTokenTtlSec: 86_399,
};

/** Port of `npm run sandbox` (tests use 0, a free port). */
export const CLI_DEFAULT_PORT = 8787;

/** Defaults overlaid with overrides; nested groups merge field by field. */
export function resolveOptions(overrides: Partial<SandboxOptions> = {}): Required<SandboxOptions> {
	const base = structuredClone(DEFAULT_OPTIONS) as Required<SandboxOptions>;
	return {
		...base,
		...overrides,
		latency: { ...base.latency, ...overrides.latency },
		rateLimit: { ...base.rateLimit, ...overrides.rateLimit },
		faults: { ...base.faults, ...overrides.faults },
	};
}

interface Flag {
	/** Long option (`--contacts`); the environment variable is `GHL_SANDBOX_<NAME_IN_CAPS>`. */
	name: string;
	help: string;
	apply(options: Partial<SandboxOptions>, value: string): void;
}

function number(name: string, value: string): number {
	const parsed = Number(value);
	if (value.trim() === '' || !Number.isFinite(parsed)) {
		throw new Error(`--${name} expects a number, got "${value}"`);
	}
	return parsed;
}

function boolean(name: string, value: string): boolean {
	if (['true', '1', 'yes', 'on', ''].includes(value)) return true;
	if (['false', '0', 'no', 'off'].includes(value)) return false;
	throw new Error(`--${name} expects true or false, got "${value}"`);
}

export function approvalChoice(value: unknown): 'location' | 'company' {
	if (value === 'location' || value === 'company') return value;
	throw new Error(`autoApproveAs expects location or company, got "${String(value)}"`);
}

const latency = (o: Partial<SandboxOptions>) => (o.latency ??= { ...DEFAULT_OPTIONS.latency });
const rateLimit = (o: Partial<SandboxOptions>) =>
	(o.rateLimit ??= { ...DEFAULT_OPTIONS.rateLimit });
const faults = (o: Partial<SandboxOptions>) =>
	(o.faults ??= { ...DEFAULT_OPTIONS.faults, schedule: [] });

const FLAGS: Flag[] = [
	{ name: 'host', help: 'interface to listen on', apply: (o, v) => (o.host = v) },
	{
		name: 'port',
		help: `port (default ${CLI_DEFAULT_PORT})`,
		apply: (o, v) => (o.port = number('port', v)),
	},
	{
		name: 'seed',
		help: 'seed of the generated data',
		apply: (o, v) => (o.seed = number('seed', v)),
	},
	{
		name: 'contacts',
		help: 'contacts in the main location',
		apply: (o, v) => (o.contacts = number('contacts', v)),
	},
	{
		name: 'index-lag',
		help: 'ms before changes reach search',
		apply: (o, v) => (o.indexLagMs = number('index-lag', v)),
	},
	{
		name: 'latency',
		help: 'fixed latency per request, ms',
		apply: (o, v) => (latency(o).fixedMs = number('latency', v)),
	},
	{
		name: 'latency-random',
		help: 'extra random latency, up to ms',
		apply: (o, v) => (latency(o).randomMs = number('latency-random', v)),
	},
	{
		name: 'burst',
		help: 'requests per rate-limit window',
		apply: (o, v) => (rateLimit(o).burst = number('burst', v)),
	},
	{
		name: 'window',
		help: 'rate-limit window, ms',
		apply: (o, v) => (rateLimit(o).windowMs = number('window', v)),
	},
	{
		name: 'daily',
		help: 'requests per day',
		apply: (o, v) => (rateLimit(o).daily = number('daily', v)),
	},
	{
		name: 'retry-after',
		help: 'send Retry-After on 429 (true|false)',
		apply: (o, v) => (o.retryAfter = boolean('retry-after', v)),
	},
	{
		name: 'error-rate',
		help: 'probability of a 5xx per request',
		apply: (o, v) => (faults(o).errorRate = number('error-rate', v)),
	},
	{
		name: 'reset-rate',
		help: 'probability of a connection reset',
		apply: (o, v) => (faults(o).resetRate = number('reset-rate', v)),
	},
	{
		name: 'hang-rate',
		help: 'probability of never answering',
		apply: (o, v) => (faults(o).hangRate = number('hang-rate', v)),
	},
	{
		name: 'token-ttl',
		help: 'OAuth access token lifetime, s',
		apply: (o, v) => (o.accessTokenTtlSec = number('token-ttl', v)),
	},
	{
		name: 'validate-responses',
		help: 'check responses against the spec (true|false)',
		apply: (o, v) => (o.validateResponses = boolean('validate-responses', v)),
	},
	{
		name: 'auto-approve',
		help: 'skip the OAuth consent page (true|false)',
		apply: (o, v) => (o.autoApprove = boolean('auto-approve', v)),
	},
	{
		name: 'auto-approve-as',
		help: 'what an approval at once chooses: location (the main sub-account) or company (the agency)',
		apply: (o, v) => (o.autoApproveAs = approvalChoice(v)),
	},
	{
		name: 'location-token-ttl',
		help: 'lifetime of sub-account tokens from /oauth/locationToken, in seconds',
		apply: (o, v) => (o.locationTokenTtlSec = number('location-token-ttl', v)),
	},
];

function envName(flag: Flag): string {
	return `GHL_SANDBOX_${flag.name.replace(/-/g, '_').toUpperCase()}`;
}

/**
 * Options of the CLI: environment variables first, then flags (`--name value`, `--name=value`,
 * a bare `--name` for true, `--no-name` for false). People get the consent page unless they ask.
 */
export function parseCliOptions(
	argv: string[],
	env: Record<string, string | undefined>,
): Partial<SandboxOptions> {
	const options: Partial<SandboxOptions> = { port: CLI_DEFAULT_PORT, autoApprove: false };
	for (const flag of FLAGS) {
		const value = env[envName(flag)];
		if (value !== undefined) flag.apply(options, value);
	}
	for (let i = 0; i < argv.length; i++) {
		const match = /^--(no-)?([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
		const flag = match && FLAGS.find((f) => f.name === match[2]);
		if (!match || !flag) throw new Error(`Unknown option ${argv[i]} (try --help)`);
		let value = match[3];
		if (match[1]) value = 'false';
		else if (value === undefined) {
			const next = argv[i + 1];
			value = next !== undefined && !next.startsWith('--') ? (i++, next) : 'true';
		}
		flag.apply(options, value);
	}
	return options;
}

export function cliHelp(): string {
	const lines = FLAGS.map((f) => `  --${f.name.padEnd(20)} ${f.help} [${envName(f)}]`);
	return ['Usage: npm run sandbox -- [options]', '', ...lines].join('\n');
}
