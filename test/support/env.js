// n8n-core keeps instance settings (an encryption key) in N8N_USER_FOLDER; tests get their own
// throwaway folder instead of the user's ~/.n8n.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const folder = path.join(os.tmpdir(), 'ghl-contacts-jest-n8n');
fs.mkdirSync(folder, { recursive: true });
process.env.N8N_USER_FOLDER = folder;
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
