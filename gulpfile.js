const { src, dest } = require('gulp');

/**
 * Copies artwork next to the compiled code: n8n resolves `file:` icons relative to the
 * `.node.js` / `.credentials.js` file that names them, so `dist/` must mirror the source tree.
 * (`n8n-node build` copies these too; this task keeps `npm run build:icons` usable on its own.)
 */
function copyIcons() {
	// encoding: false keeps PNG bytes intact (gulp 5 reads files as UTF-8 by default).
	return src(['icons/**/*.svg', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
		allowEmpty: true,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
