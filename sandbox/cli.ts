import { CONTACT_SCOPES, EXTRA_SCOPES } from './identities';
import { AUTHORIZE_PATHS, TOKEN_PATH } from './oauth';
import { cliHelp, parseCliOptions } from './options';
import { startSandbox } from './server';

/** `npm run sandbox`: the sandbox for people, on a fixed port, with the consent page on. */
async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	if (argv.includes('--help') || argv.includes('-h')) {
		console.log(cliHelp());
		return;
	}
	const sandbox = await startSandbox(parseCliOptions(argv, process.env));
	const { url, tokens, oauthClient, mainLocationId, otherLocationId } = sandbox;
	const authorize = new URL(AUTHORIZE_PATHS[0], url);
	authorize.search = new URLSearchParams({
		response_type: 'code',
		client_id: oauthClient.clientId,
		redirect_uri: 'http://localhost:5678/rest/oauth2-credential/callback',
		scope: [...CONTACT_SCOPES, ...EXTRA_SCOPES].join(' '),
	}).toString();
	console.log(
		[
			`GHL sandbox listening on ${url}`,
			'',
			'Private Integration Tokens (header: Authorization: Bearer <token>, Version: 2021-07-28):',
			`  read/write      ${tokens.readWrite}`,
			`                  location ${mainLocationId}; ${[...CONTACT_SCOPES, ...EXTRA_SCOPES].join(' ')}`,
			`  read-only       ${tokens.readOnly}`,
			`                  location ${mainLocationId}; contacts.readonly`,
			`  other location  ${tokens.otherLocation}`,
			`                  location ${otherLocationId}; ${CONTACT_SCOPES.join(' ')}`,
			'',
			'OAuth client:',
			`  client id       ${oauthClient.clientId}`,
			`  client secret   ${oauthClient.clientSecret}`,
			`  token URL       ${new URL(TOKEN_PATH, url)}`,
			`  authorize URL   ${authorize}`,
			'',
			`Control API: ${url}/__sandbox/ (log, clock, faults, config, tokens, reset). Ctrl+C stops.`,
		].join('\n'),
	);
	process.once('SIGINT', () => {
		void sandbox.close().then(() => process.exit(0));
	});
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
