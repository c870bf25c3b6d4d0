import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseDocument } from 'yaml';

import { PACKAGE_ROOT } from './builtPackage';

type Step = Record<string, unknown> & {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
};
interface Job {
	'runs-on'?: unknown;
	permissions?: Record<string, string>;
	steps?: Step[];
}
interface Workflow {
	name?: unknown;
	on?: Record<string, unknown>;
	jobs?: Record<string, Job>;
}

const read = (file: string) => readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');
const manifest = JSON.parse(read('package.json'));

/** Parses a workflow the way GitHub does (YAML 1.2, duplicate keys refused); throws on errors. */
function parseWorkflow(source: string): Workflow {
	const document = parseDocument(source, { uniqueKeys: true });
	if (document.errors.length > 0) throw new Error(document.errors.map((e) => e.message).join('\n'));
	return document.toJS() as Workflow;
}

/** What GitHub refuses in a workflow's shape (the subset of its schema these files use). */
function shapeProblems(workflow: Workflow): string[] {
	const problems: string[] = [];
	if (typeof workflow.name !== 'string') problems.push('name: missing');
	if (!workflow.on) problems.push('on: missing');
	const jobs = Object.entries(workflow.jobs ?? {});
	if (jobs.length === 0) problems.push('jobs: none');
	for (const [id, job] of jobs) {
		if (typeof job['runs-on'] !== 'string') problems.push(`${id}: runs-on missing`);
		if (!Array.isArray(job.steps) || job.steps.length === 0) problems.push(`${id}: no steps`);
		for (const [index, step] of (job.steps ?? []).entries()) {
			if ('uses' in step === 'run' in step) {
				problems.push(`${id}.steps[${index}]: needs exactly one of uses and run`);
			}
			if (step.uses !== undefined && !/^[\w.-]+\/[\w.-]+@v\d+$/.test(step.uses)) {
				problems.push(`${id}.steps[${index}]: uses is not an action pinned to a major version`);
			}
		}
	}
	return problems;
}

const steps = (workflow: Workflow) =>
	Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
const nodeVersions = (workflow: Workflow) =>
	steps(workflow)
		.filter((step) => step.uses?.startsWith('actions/setup-node@'))
		.map((step) => String(step.with?.['node-version']));
const commands = (workflow: Workflow) => steps(workflow).flatMap((step) => step.run ?? []);

/** Matches a tag against a workflow's tag filter (GitHub's `*`: anything but `/`). */
const tagFilterMatches = (filter: string, tag: string) =>
	new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(tag);

describe('the CI workflow', () => {
	const ci = parseWorkflow(read('.github/workflows/ci.yml'));

	it('has the shape GitHub accepts', () => {
		expect(shapeProblems(ci)).toEqual([]);
	});

	it('runs .ci/run, the README’s install and test command, on Node 20 for pushes and pull requests', () => {
		expect(Object.keys(ci.on ?? {}).sort()).toEqual(['pull_request', 'push']);
		expect(nodeVersions(ci)).toEqual(['20']);
		expect(commands(ci)).toEqual(['bash .ci/run']);
		expect(read('.ci/run')).toMatch(/^npm install && npm test$/m);
	});
});

describe('the publish workflow', () => {
	const publish = parseWorkflow(read('.github/workflows/publish.yml'));
	const [job] = Object.values(publish.jobs ?? {});

	it('has the shape GitHub accepts', () => {
		expect(shapeProblems(publish)).toEqual([]);
	});

	it('runs on version tags only, and a release tags versions so that it runs', () => {
		expect(Object.keys(publish.on ?? {})).toEqual(['push']);
		const filters = (publish.on?.push as { tags: string[] }).tags;
		expect(filters).toEqual(['v*.*.*']);
		const tag = manifest['release-it'].git.tagName.replace('${version}', manifest.version);
		expect(filters.some((filter) => tagFilterMatches(filter, tag))).toBe(true);
		expect(filters.some((filter) => tagFilterMatches(filter, manifest.version))).toBe(false);
	});

	it('may mint the OIDC token npm provenance needs, and write nothing to the repository', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('installs from the lockfile on Node 20 and publishes through n8n-node release', () => {
		expect(nodeVersions(publish)).toEqual(['20']);
		const run = commands(publish).join('\n');
		expect(run).toMatch(/^npm ci$/m);
		expect(run).toMatch(/^npm run release$/m);
		// In GitHub Actions `n8n-node release` lints, builds and runs `npm publish` with provenance.
		expect(manifest.scripts.release).toBe('n8n-node release');
	});
});

describe('the manifest', () => {
	it('names one GitHub repository everywhere, owned by the author', () => {
		const match = /^git\+https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\.git$/.exec(
			manifest.repository.url,
		);
		expect(match).not.toBeNull();
		const [, owner, repo] = match!;
		expect(manifest.homepage).toBe(`https://github.com/${owner}/${repo}#readme`);
		expect(manifest.bugs.url).toBe(`https://github.com/${owner}/${repo}/issues`);
		expect(manifest.author).toMatchObject({ name: owner, url: `https://github.com/${owner}` });
		expect(read('.github/workflows/publish.yml')).toContain(`${owner}/${repo}`);
	});
});

describe('the workflow checks themselves', () => {
	it('refuse YAML GitHub would refuse: a duplicate key, a tab indent', () => {
		expect(() => parseWorkflow('name: a\nname: b\n')).toThrow();
		expect(() => parseWorkflow('jobs:\n\tbuild: {}\n')).toThrow();
	});

	it('report a job without runs-on, a step with both uses and run, an unpinned action', () => {
		const broken = parseWorkflow(
			[
				'name: Broken',
				'on: push',
				'jobs:',
				'  build:',
				'    steps:',
				'      - uses: actions/checkout@main',
				'      - uses: actions/setup-node@v4',
				'        run: npm test',
			].join('\n'),
		);
		expect(shapeProblems(broken)).toEqual([
			'build: runs-on missing',
			'build.steps[0]: uses is not an action pinned to a major version',
			'build.steps[1]: needs exactly one of uses and run',
		]);
	});

	it('tell a v-prefixed tag filter from a bare version', () => {
		expect(tagFilterMatches('v*.*.*', 'v1.2.3')).toBe(true);
		expect(tagFilterMatches('v*.*.*', '1.2.3')).toBe(false);
		expect(tagFilterMatches('v*.*.*', 'v1.2')).toBe(false);
	});
});
