import {
  badInput,
  checkCount,
  conflict,
  DomainError,
  ErrorCode,
  isLoopbackHost,
  notFound,
  PARTNER_NAME,
  requireText,
  type Logger,
} from '@skills-sichuan/runtime';
import type { SubgraphSdl } from '../supergraph/compose';
import { compose } from '../supergraph/compose';
import type { CoreGraph } from '../supergraph/core';
import { sha256 } from '../supergraph/core';
import { supergraphLayout, type SupergraphLayout } from '../supergraph/layout';
import { parse, validate } from 'graphql';
import { builtInOperations, documentHash, operationNameOf, type RegisteredOperation } from '../operations/registered';
import { grantsOf, Partner, PartnerStatus, ViewerGrant } from '../store/partner.entity';
import { RegistryChanged, type GatewayStore, type RegistrySnapshot } from '../store/gateway-store';
import { apiSchemaOf, checkPartner, type PartnerReport, type Problem } from './checks';
import type { PartnerCredentials } from './credentials';
import { fetchPartnerSdl, PartnerUnreachable } from './partner-schema';

export interface PartnerPolicy {
  /** a partner's timeout unless the registry says otherwise (PARTNER_TIMEOUT_MS) */
  defaultTimeoutMs: number;
  /** http:// routing URLs beyond loopback (PARTNER_ALLOW_HTTP): a private network; otherwise partners are reached over https */
  allowHttp: boolean;
}

export interface PartnerInput {
  name: string;
  routingUrl: string;
  owner: string;
  contact: string;
  timeoutMs?: number | null;
  grants?: ViewerGrant[] | null;
}

/** What a change did: the partner as the registry now holds it, the checks' report and the revision it made. */
export interface PartnerChange {
  partner: Partner;
  report: PartnerReport;
  revision: number;
}

/** the names our own subgraphs use; a partner takes another */
const RESERVED_NAMES = new Set(['gateway', 'registry', 'core', 'partner', 'partners']);
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 60_000;

/** A change the checks refused: every reason, each naming what it is about; nothing was written. */
export function refusal(report: PartnerReport): DomainError {
  const reasons = report.problems.map((p) => p.message).join('; ');
  return new DomainError(ErrorCode.PARTNER_REFUSED, `partner ${report.partner} refused: ${reasons}`, {
    partner: report.partner,
    problems: report.problems,
  });
}

/**
 * The one way partners come in and go, behind both doors — `npm run partner` and the
 * PROVINCIAL_ADMIN mutations: check, add, publish (a registered partner's new schema) and
 * remove. A change is checked against the registry as it stands, then written only if the
 * registry has not moved meanwhile (checked afresh once if it has); a refused change writes nothing.
 */
export class PartnerAdmin {
  constructor(
    private readonly deps: {
      store: GatewayStore;
      core: CoreGraph;
      credentials: PartnerCredentials;
      policy: PartnerPolicy;
      log: Logger;
    },
  ) {}

  /** Reports what add (or publish, for a registered partner) would find, and changes nothing. */
  async check(name: string, routingUrl: string): Promise<PartnerReport> {
    this.checkName(name);
    const url = this.checkUrl(routingUrl);
    const snapshot = await this.deps.store.snapshot();
    const existing = await this.deps.store.partner(name);
    return (await this.checkCandidate(snapshot, name, url, existing)).report;
  }

  async add(input: PartnerInput, by: string): Promise<PartnerChange> {
    this.checkName(input.name);
    const routingUrl = this.checkUrl(input.routingUrl);
    const owner = requireText(input.owner, 'owner', 1, 200);
    const contact = requireText(input.contact, 'contact', 3, 200);
    const timeoutMs = input.timeoutMs ?? this.deps.policy.defaultTimeoutMs;
    checkCount('timeoutMs', timeoutMs, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS);
    const grants = [...new Set(input.grants ?? [])].sort();
    return this.changed(async (snapshot) => {
      const existing = await this.deps.store.partner(input.name);
      if (existing?.status === PartnerStatus.ACTIVE)
        throw conflict(`partner ${input.name} is already in the graph; publish its new schema instead`, { partner: input.name });
      const { report, sdl } = await this.checkCandidate(snapshot, input.name, routingUrl, existing, timeoutMs);
      if (!report.accepted || sdl === undefined) throw refusal(report);
      const now = new Date().toISOString();
      const partner = Object.assign(new Partner(), {
        name: input.name,
        routingUrl,
        owner,
        contact,
        status: PartnerStatus.ACTIVE,
        sdl,
        sdlHash: sha256(sdl),
        timeoutMs,
        grants: grants.join(','),
        // added again after a removal: a new secret, so the old one opens nothing
        secretGeneration: existing ? existing.secretGeneration + 1 : 1,
        addedAt: now,
        updatedAt: now,
        updatedBy: by,
      });
      return { partner, report, reason: `add ${input.name}` };
    }, by);
  }

  /** A registered partner's schema as its service serves it now, checked again: published if it passes, the graph unchanged if not. */
  async publish(name: string, by: string): Promise<PartnerChange> {
    this.checkName(name);
    return this.changed(async (snapshot) => {
      const existing = await this.activePartner(name);
      const { report, sdl } = await this.checkCandidate(snapshot, name, existing.routingUrl, existing);
      if (!report.accepted || sdl === undefined) throw refusal(report);
      if (sha256(sdl) === existing.sdlHash) return { partner: existing, report, reason: '' };
      const partner = Object.assign(new Partner(), existing, {
        sdl,
        sdlHash: sha256(sdl),
        updatedAt: new Date().toISOString(),
        updatedBy: by,
      });
      return { partner, report, reason: `publish ${name}` };
    }, by);
  }

  /** Takes a partner out of the graph; refused while a registered client operation reads its fields, unless forced. */
  async remove(name: string, options: { force?: boolean }, by: string): Promise<PartnerChange> {
    this.checkName(name);
    return this.changed(async (snapshot) => {
      const existing = await this.activePartner(name);
      const context = await this.context(snapshot, name);
      const report = checkPartner(name, null, context);
      const breaking = report.problems.filter((p) => p.code === 'BREAKS_CLIENT_OPERATION');
      const accepted = report.accepted || (options.force === true && breaking.length === report.problems.length);
      if (!accepted) throw refusal(report);
      const partner = Object.assign(new Partner(), existing, {
        status: PartnerStatus.REMOVED,
        updatedAt: new Date().toISOString(),
        updatedBy: by,
      });
      const supergraphSdl = report.supergraphSdl ?? compose([...context.core, ...context.partners]).supergraphSdl!;
      return { partner, report: { ...report, accepted: true, supergraphSdl }, reason: `remove ${name}${options.force ? ' (forced)' : ''}` };
    }, by);
  }

  /** The secret to hand a partner before it is added (or after, to configure a new replica of its service). */
  async secretFor(name: string): Promise<string> {
    this.checkName(name);
    const existing = await this.deps.store.partner(name);
    return this.deps.credentials.secret(name, nextGeneration(existing));
  }

  /**
   * Registers a client's operations, which the checks then protect: each document one named
   * operation that the graph answers now. Answers how many were new; a refused batch writes none.
   */
  async register(client: string, documents: string[], by: string): Promise<number> {
    if (!/^[a-z][a-z0-9-]{1,63}$/.test(client ?? ''))
      throw badInput(`client is the name clients send as apollographql-client-name, lower-case, got ${JSON.stringify(client)}`, {
        field: 'client',
      });
    if (documents.length === 0 || documents.length > 200)
      throw badInput(`documents must hold 1 to 200 operations, got ${documents.length}`);
    const served = this.loadableServed(await this.deps.store.snapshot()).apiSchema;
    const rows = documents.map((document, index) => {
      let name: string;
      try {
        name = operationNameOf(document);
      } catch (err) {
        throw badInput(`documents[${index}]: ${(err as Error).message}`, { field: 'documents' });
      }
      const invalid = validate(served, parse(document));
      if (invalid.length > 0) throw badInput(`documents[${index}] (${name}) does not run against the graph: ${invalid[0].message}`);
      return { client, hash: documentHash(document), name, document, registeredBy: by };
    });
    return this.deps.store.registerClientOperations(rows);
  }

  /** The registered client operations the checks protect: the built-in ones and those registered in the store. */
  async operations(): Promise<RegisteredOperation[]> {
    const stored = await this.deps.store.clientOperations();
    return [...builtInOperations(), ...stored.map(({ client, name, document }) => ({ client, name, document }))];
  }

  /** What the graph serves for a snapshot: its stored composition when it was made with this core, else composed again from it. */
  servedSupergraph(snapshot: RegistrySnapshot): string {
    if (!snapshot.served || snapshot.active.length === 0) return this.deps.core.supergraphSdl;
    if (snapshot.served.coreHash === this.deps.core.hash) return snapshot.served.supergraphSdl;
    return compose([...this.deps.core.subgraphs, ...snapshot.active.map(asSubgraph)]).supergraphSdl ?? this.deps.core.supergraphSdl;
  }

  private async checkCandidate(
    snapshot: RegistrySnapshot,
    name: string,
    routingUrl: string,
    existing: Partner | null,
    timeoutMs = existing?.timeoutMs ?? this.deps.policy.defaultTimeoutMs,
  ): Promise<{ report: PartnerReport; sdl?: string }> {
    let sdl: string;
    try {
      sdl = await fetchPartnerSdl(
        { name, routingUrl, timeoutMs, secretGeneration: nextGeneration(existing), grants: existing ? grantsOf(existing) : [] },
        this.deps.credentials,
      );
    } catch (err) {
      if (!(err instanceof PartnerUnreachable)) throw err;
      const problem: Problem = { code: 'UNREACHABLE', message: `partner ${name}'s service ${err.message}` };
      return { report: { partner: name, accepted: false, problems: [problem], hints: [], fields: [] } };
    }
    return { report: checkPartner(name, { name, routingUrl, sdl }, await this.context(snapshot, name)), sdl };
  }

  private async context(snapshot: RegistrySnapshot, name: string) {
    return {
      core: this.deps.core.subgraphs,
      coreLayout: this.coreLayout(),
      partners: snapshot.active.filter((p) => p.name !== name).map(asSubgraph),
      served: this.loadableServed(snapshot),
      operations: await this.operations(),
    };
  }

  /** The served graph to check against; a stored revision the gateway refused to load is composed again from the partners it names. */
  private loadableServed(snapshot: RegistrySnapshot): { supergraphSdl: string; apiSchema: ReturnType<typeof apiSchemaOf> } {
    const stored = this.servedSupergraph(snapshot);
    try {
      return { supergraphSdl: stored, apiSchema: apiSchemaOf(stored) };
    } catch {
      const composed =
        compose([...this.deps.core.subgraphs, ...snapshot.active.map(asSubgraph)]).supergraphSdl ?? this.deps.core.supergraphSdl;
      return { supergraphSdl: composed, apiSchema: apiSchemaOf(composed) };
    }
  }

  private layout: SupergraphLayout | undefined;
  private coreLayout(): SupergraphLayout {
    this.layout ??= supergraphLayout(this.deps.core.supergraphSdl);
    return this.layout;
  }

  /** Checks against the registry as it is, writes if nobody wrote meanwhile; checked afresh once if somebody did. */
  private async changed(
    decide: (snapshot: RegistrySnapshot) => Promise<{ partner: Partner; report: PartnerReport; reason: string }>,
    by: string,
  ): Promise<PartnerChange> {
    for (let attempt = 1; ; attempt += 1) {
      const snapshot = await this.deps.store.snapshot();
      const { partner, report, reason } = await decide(snapshot);
      // the same schema published again changes nothing
      if (!reason) return { partner, report, revision: snapshot.revision };
      const active = [
        ...snapshot.active.filter((p) => p.name !== partner.name),
        ...(partner.status === PartnerStatus.ACTIVE ? [partner] : []),
      ];
      try {
        const revision = await this.deps.store.commit({
          basedOn: snapshot.revision,
          partner,
          supergraphSdl: report.supergraphSdl!,
          coreHash: this.deps.core.hash,
          partners: active.map((p) => p.name).sort(),
          reason,
          by,
        });
        this.deps.log.info({ partner: partner.name, revision, reason, by }, 'partner registry changed');
        return { partner, report, revision };
      } catch (err) {
        if (!(err instanceof RegistryChanged) || attempt >= 2) {
          if (err instanceof RegistryChanged)
            throw conflict('the partner registry changed twice while this change was checked; try again', { partner: partner.name });
          throw err;
        }
      }
    }
  }

  private async activePartner(name: string): Promise<Partner> {
    const existing = await this.deps.store.partner(name);
    if (!existing || existing.status !== PartnerStatus.ACTIVE) throw notFound(`no partner ${name} is in the graph`, { partner: name });
    return existing;
  }

  private checkName(name: string): void {
    if (!PARTNER_NAME.test(name ?? ''))
      throw badInput(`a partner's name is 2–40 lower-case letters, digits or dashes, starting with a letter, got ${JSON.stringify(name)}`, {
        field: 'name',
      });
    if (RESERVED_NAMES.has(name) || this.deps.core.subgraphs.some((s) => s.name === name))
      throw badInput(`${name} is a name of the graph's own; a partner takes another`, { field: 'name' });
  }

  private checkUrl(routingUrl: string): string {
    let url: URL;
    try {
      url = new URL(routingUrl);
    } catch {
      throw badInput(`routingUrl must be an absolute http(s) URL, got ${JSON.stringify(routingUrl)}`, { field: 'routingUrl' });
    }
    if (url.username || url.password)
      throw badInput('routingUrl may not carry credentials: the gateway signs its requests', { field: 'routingUrl' });
    if (url.protocol === 'https:') return url.href;
    if (url.protocol === 'http:' && (isLoopbackHost(url.hostname) || this.deps.policy.allowHttp)) return url.href;
    throw badInput(
      `routingUrl must be https (http only to this machine, or with PARTNER_ALLOW_HTTP=true on a private network), got ${url.protocol}//…`,
      { field: 'routingUrl' },
    );
  }
}

/** the secret generation a partner is (or will be) called with: a removed partner comes back with a new one */
function nextGeneration(existing: Partner | null): number {
  if (!existing) return 1;
  return existing.status === PartnerStatus.ACTIVE ? existing.secretGeneration : existing.secretGeneration + 1;
}

const asSubgraph = (partner: Partner): SubgraphSdl => ({ name: partner.name, routingUrl: partner.routingUrl, sdl: partner.sdl });
