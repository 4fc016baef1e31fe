import { secretFromEnv } from '@skills-sichuan/runtime';

/** What the bases subgraph reads from its environment beyond what every subgraph reads (the kit's subgraphConfigFromEnv). */
export const CONTACT_KEY_VARIABLE = 'CONTACT_DATA_KEY';

/** The key the history of organisations' contacts is sealed under: at least 32 characters, required unless DEVELOPMENT=true. */
export function contactDataKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv(CONTACT_KEY_VARIABLE, env);
}
