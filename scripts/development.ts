import { envOptional } from '@skills-sichuan/runtime';

/**
 * The environment of a command run on a developer's machine: DEVELOPMENT=true unless
 * NODE_ENV=production or DEVELOPMENT is set either way — the rule `npm start` applies, so the
 * commands beside it read the same development secrets (DATA_DIR/secrets.json) it does.
 */
export function developmentUnlessProduction(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.NODE_ENV === 'production' || envOptional('DEVELOPMENT', env) !== undefined) return env;
  return { ...env, DEVELOPMENT: 'true' };
}
