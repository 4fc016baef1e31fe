import { secretFromEnv } from '@skills-sichuan/runtime';

/** What the training subgraph reads from its environment beyond what every subgraph reads (the kit's subgraphConfigFromEnv). */
export const TRAINEE_KEY_VARIABLE = 'TRAINEE_DATA_KEY';

/** The key trainees' personal data is protected under: at least 32 characters, required unless DEVELOPMENT=true (then from DATA_DIR/secrets.json). */
export function traineeDataKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return secretFromEnv(TRAINEE_KEY_VARIABLE, env);
}
