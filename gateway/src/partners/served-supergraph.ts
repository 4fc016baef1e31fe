import type { SupergraphManager, SupergraphSdlUpdateFunction } from '@apollo/gateway';
import type { Logger } from '@skills-sichuan/runtime';
import type { GatewayStore, RegistrySnapshot } from '../store/gateway-store';
import { grantsOf } from '../store/partner.entity';
import type { PartnerAdmin } from './admin';
import type { PartnerDirectory } from './partner-client';

/** What a replica serves now, for /health and the logs. */
export interface ServedState {
  /** the registry revision served; 0 for the core alone */
  revision: number;
  partners: string[];
  /** a newer revision this replica refused to load, with why; the last good one keeps serving */
  refused?: { revision: number; reason: string };
}

/**
 * The gateway's supergraph: the core composed with the registry's active partners, loaded at
 * start and swapped in place — no restart, requests in flight finish on the plan they started
 * with — whenever a newer revision appears. Each replica polls the store, so a change made
 * through any replica (or `npm run partner`) is served by all within the poll interval. A
 * revision that does not load is refused and the last good supergraph keeps serving.
 */
export class ServedSupergraph implements SupergraphManager {
  private update?: SupergraphSdlUpdateFunction;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;
  private state: ServedState = { revision: 0, partners: [] };

  constructor(
    private readonly deps: {
      store: GatewayStore;
      admin: PartnerAdmin;
      directory: PartnerDirectory;
      pollMs: number;
      log: Logger;
    },
  ) {}

  get served(): ServedState {
    return this.state;
  }

  async initialize({ update }: { update: SupergraphSdlUpdateFunction }) {
    this.update = update;
    const snapshot = await this.deps.store.snapshot();
    const supergraphSdl = this.deps.admin.servedSupergraph(snapshot);
    this.direct(snapshot);
    this.state = { revision: snapshot.revision, partners: snapshot.active.map((p) => p.name) };
    this.timer = setInterval(() => void this.refresh(), this.deps.pollMs);
    this.timer.unref();
    return {
      supergraphSdl,
      cleanup: async () => {
        clearInterval(this.timer);
        await this.polling;
      },
    };
  }

  /** Serves the newest revision now, if there is one: a replica's own change is served without waiting for its next poll. */
  refresh(): Promise<void> {
    this.polling ??= this.poll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async poll(): Promise<void> {
    try {
      const latest = await this.deps.store.latestRevision();
      if (latest === this.state.revision || latest === this.state.refused?.revision) return;
      this.serve(await this.deps.store.snapshot());
    } catch (err) {
      this.deps.log.warn({ err }, 'could not read the partner registry; serving the graph as it was');
    }
  }

  private serve(snapshot: RegistrySnapshot): void {
    const previous = this.state;
    const settings = this.deps.directory.list();
    try {
      const supergraphSdl = this.deps.admin.servedSupergraph(snapshot);
      // the partners' settings first: the new plan's first fetch to a new partner needs its secret and timeout
      this.direct(snapshot);
      this.update!(supergraphSdl);
      this.state = { revision: snapshot.revision, partners: snapshot.active.map((p) => p.name) };
      this.deps.log.info({ revision: snapshot.revision, partners: this.state.partners }, 'serving a new revision of the graph');
    } catch (err) {
      this.deps.directory.replace(settings);
      this.state = { ...previous, refused: { revision: snapshot.revision, reason: (err as Error).message } };
      this.deps.log.error(
        { err, revision: snapshot.revision, serving: previous.revision },
        'refused to serve a revision of the graph; the last good one keeps serving',
      );
    }
  }

  private direct(snapshot: RegistrySnapshot): void {
    this.deps.directory.replace(
      snapshot.active.map((p) => ({ name: p.name, secretGeneration: p.secretGeneration, grants: grantsOf(p), timeoutMs: p.timeoutMs })),
    );
  }
}
