/**
 * `npm run apikey -- <name> <role>`: makes a new API key. Prints the key (give it to the client,
 * once) and the entry to append to MAILLAGE_API_KEYS (only its hash is ever stored).
 */
import { Command } from 'commander';
import { newApiKey } from './api-keys.ts';
import { ROLES, isRole } from './roles.ts';

const program = new Command('apikey')
  .description('Create an API key for the Maillage GraphQL API')
  .argument('<name>', 'who the key is for (letters, digits, - and _)')
  .argument('<role>', `one of ${ROLES.join(', ')}`)
  .action((name: string, role: string) => {
    if (!/^[\w-]{1,64}$/.test(name)) program.error(`name "${name}" must be 1-64 letters, digits, - or _`);
    if (!isRole(role)) return program.error(`role "${role}" must be one of ${ROLES.join(', ')}`);
    const { key, entry } = newApiKey(name, role);
    process.stdout.write(`key (send as the x-api-key header; shown once): ${key}\n`);
    process.stdout.write(`add to MAILLAGE_API_KEYS: ${entry}\n`);
  });

program.parse();
