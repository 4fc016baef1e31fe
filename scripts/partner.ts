/**
 * npm run partner -- <command>: the partner registry from the command line, through the same
 * checks as the PROVINCIAL_ADMIN mutations (gateway/src/partners/admin.ts). It writes the
 * gateway's store; every gateway replica serves the change within its poll interval.
 *
 *   check <name> <url>                      what adding it would find; changes nothing
 *   add <name> <url> --owner <agency> --contact <who> [--timeout-ms 3000] [--grant ORGANIZATION|CITY|SUBJECT]…
 *   publish <name>                          serve the schema its service serves now, if it passes again
 *   remove <name> [--force]                 take it out (--force: even if registered operations read its fields)
 *   list                                    the registry
 *   secret <name>                           the secret to hand the partner
 *   register-operations <client> <file.graphql>…   operations the checks then protect
 *
 * Exits 0 when done, 1 when the checks refused (every reason printed), 2 on a usage or input error.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parse, print, Kind } from 'graphql';
import {
  GatewayStore,
  gatewayConfigFromEnv,
  PartnerAdmin,
  PartnerCredentials,
  readCoreGraph,
  ViewerGrant,
  type PartnerReport,
} from '@skills-sichuan/gateway';
import { ConfigError, createLogger, ErrorCode } from '@skills-sichuan/runtime';
import { developmentUnlessProduction } from './development';

const USAGE = `usage: npm run partner -- check <name> <url>
       npm run partner -- add <name> <url> --owner <agency> --contact <who> [--timeout-ms N] [--grant ORGANIZATION|CITY|SUBJECT]…
       npm run partner -- publish <name>
       npm run partner -- remove <name> [--force]
       npm run partner -- list
       npm run partner -- secret <name>
       npm run partner -- register-operations <client> <file.graphql>…`;

class UsageError extends Error {}

function options(args: string[]) {
  const positional: string[] = [];
  const named = new Map<string, string[]>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--force') named.set('force', ['true']);
    else if (arg.startsWith('--')) {
      const value = args[i + 1];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      named.set(arg.slice(2), [...(named.get(arg.slice(2)) ?? []), value]);
      i += 1;
    } else positional.push(arg);
  }
  return { positional, one: (name: string) => named.get(name)?.[0], all: (name: string) => named.get(name) ?? [] };
}

function printReport(report: PartnerReport) {
  const out = process.stdout;
  out.write(`${report.accepted ? 'accepted' : 'refused'}: partner ${report.partner}\n`);
  for (const problem of report.problems)
    out.write(`  ✗ ${problem.code}${problem.coordinate ? ` ${problem.coordinate}` : ''}: ${problem.message}\n`);
  for (const hint of report.hints) out.write(`  hint: ${hint}\n`);
  if (report.fields.length) out.write(`  serves: ${report.fields.join(', ')}\n`);
}

/** The operations of a .graphql file, each printed on its own with the fragments it spreads. */
function operationsIn(file: string): string[] {
  let document;
  try {
    document = parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return document.definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }));
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { positional, one, all } = options(rest);
  const config = gatewayConfigFromEnv(developmentUnlessProduction(process.env));
  // what the command says goes to stdout; its log, warnings and worse unless LOG_LEVEL says otherwise, to stderr
  process.env.LOG_LEVEL ??= 'warn';
  const log = createLogger('partner-registry', process.stderr);
  const store = await GatewayStore.open(config.store, log);
  const credentials = new PartnerCredentials(config.partners.secretRoot);
  const admin = new PartnerAdmin({ store, core: readCoreGraph(config.supergraphFile), credentials, policy: config.partners, log });
  const by = `cli:${os.userInfo().username}`;
  const need = (count: number) => {
    if (positional.length < count) throw new UsageError(`${command} needs ${count === 1 ? 'a name' : 'a name and a URL'}`);
  };
  try {
    switch (command) {
      case 'check': {
        need(2);
        const report = await admin.check(positional[0], positional[1]);
        printReport(report);
        return report.accepted ? 0 : 1;
      }
      case 'add': {
        need(2);
        const grants = all('grant').map((grant) => {
          if (!(grant in ViewerGrant)) throw new UsageError(`--grant ${grant}: one of ${Object.keys(ViewerGrant).join(', ')}`);
          return grant as ViewerGrant;
        });
        const timeout = one('timeout-ms');
        const change = await admin.add(
          {
            name: positional[0],
            routingUrl: positional[1],
            owner: one('owner') ?? '',
            contact: one('contact') ?? '',
            timeoutMs: timeout === undefined ? undefined : Number(timeout),
            grants,
          },
          by,
        );
        printReport(change.report);
        process.stdout.write(
          `revision ${change.revision}; the partner's secret (hand it over privately): ${await admin.secretFor(positional[0])}\n`,
        );
        return 0;
      }
      case 'publish': {
        need(1);
        const change = await admin.publish(positional[0], by);
        printReport(change.report);
        process.stdout.write(`revision ${change.revision}\n`);
        return 0;
      }
      case 'remove': {
        need(1);
        const change = await admin.remove(positional[0], { force: one('force') === 'true' }, by);
        process.stdout.write(`removed partner ${positional[0]}; revision ${change.revision}\n`);
        return 0;
      }
      case 'list': {
        for (const p of await store.partners())
          process.stdout.write(
            `${p.name.padEnd(20)} ${p.status.padEnd(8)} ${p.routingUrl}  ${p.owner} <${p.contact}>  timeout ${p.timeoutMs} ms\n`,
          );
        return 0;
      }
      case 'secret': {
        need(1);
        process.stdout.write(`${await admin.secretFor(positional[0])}\n`);
        return 0;
      }
      case 'register-operations': {
        const [client, ...files] = positional;
        if (!client || files.length === 0) throw new UsageError('register-operations needs a client name and .graphql files');
        const added = await admin.register(client, files.flatMap(operationsIn), by);
        process.stdout.write(`${added} new operation(s) registered for ${client}\n`);
        return 0;
      }
      default:
        throw new UsageError(command ? `unknown command ${command}` : 'a command is needed');
    }
  } catch (err) {
    const code = (err as { extensions?: { code?: string; problems?: PartnerReport['problems'] } }).extensions?.code;
    if (code === ErrorCode.PARTNER_REFUSED) {
      const extensions = (err as { extensions: { partner: string; problems: PartnerReport['problems'] } }).extensions;
      printReport({ partner: extensions.partner, accepted: false, problems: extensions.problems, hints: [], fields: [] });
      return 1;
    }
    if (code) {
      process.stderr.write(`${code}: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  } finally {
    await store.close();
  }
}

main().then(
  (status) => process.exit(status),
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
