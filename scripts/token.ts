/**
 * npm run token -- --role <ROLE> [--sub <who>] [--city <code>] [--org <id>] [--ttl <8h|30m|3600>]
 * Prints a bearer token for the gateway, signed HS256 (jose's SignJWT) with JWT_SECRET or, when
 * that is unset outside production, the development stack's (DATA_DIR/secrets.json, as
 * `npm start` reads it), with JWT_ISSUER and, when set,
 * JWT_AUDIENCE. Use it as `Authorization: Bearer <token>`. A gateway given JWT_JWKS_URL takes
 * only its identity provider's tokens, so this refuses to run with that set.
 */
import { signToken, tokenConfigFromEnv } from '@skills-sichuan/gateway';
import { envOptional, Viewer } from '@skills-sichuan/runtime';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function seconds(ttl: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(ttl);
  if (!m) throw new Error(`--ttl ${ttl}: use seconds or a number with s, m, h or d`);
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
}

/** as `npm start` decides: development unless production, a JWT_SECRET or DEVELOPMENT=false says otherwise */
function developmentUnlessConfigured(): NodeJS.ProcessEnv {
  const env = process.env;
  const configured =
    env.NODE_ENV === 'production' || envOptional('JWT_SECRET', env) !== undefined || envOptional('DEVELOPMENT', env) !== undefined;
  return configured ? env : { ...env, DEVELOPMENT: 'true' };
}

async function main() {
  const role = arg('role') ?? '';
  const claims = { role, sub: arg('sub') ?? `dev-${role.toLowerCase().replace(/_/g, '-')}`, org: arg('org'), city: arg('city') };
  const viewer = Viewer.fromClaims(claims);
  const token = await signToken(
    { ...viewer.toClaims(), sub: viewer.subject ?? claims.sub },
    tokenConfigFromEnv(developmentUnlessConfigured()),
    seconds(arg('ttl') ?? '8h'),
  );
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${(err as Error).message}\nusage: npm run token -- --role PROVINCIAL_ADMIN|CITY_ADMIN|BASE_OPERATOR|ASSESSOR|PARTNER [--sub who] [--city 510100] [--org <organisation id>] [--ttl 8h]\n`,
  );
  process.exit(2);
});
