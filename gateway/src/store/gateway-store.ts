import type { DataSource, EntityManager } from 'typeorm';
import { constraintViolated, type Logger } from '@skills-sichuan/runtime';
import { createDataSource, describeTarget, openDatabase, type DatabaseTarget } from '@skills-sichuan/database';
import { ClientOperation } from './client-operation.entity';
import { CreatePartnerRegistry1800000000000 } from './migrations/1800000000000-CreatePartnerRegistry';
import { Partner, PartnerStatus } from './partner.entity';
import { SupergraphRevision } from './supergraph-revision.entity';

/** The registry as one moment saw it: the newest revision and the partners active with it. */
export interface RegistrySnapshot {
  /** 0 before the first partner change */
  revision: number;
  served?: SupergraphRevision;
  active: Partner[];
}

export interface RegistryChange {
  /** the revision the change was checked against: it lands only if that is still the newest */
  basedOn: number;
  partner: Partner;
  supergraphSdl: string;
  coreHash: string;
  partners: string[];
  reason: string;
  by: string;
}

/** Another writer committed a revision after the change was checked: checked again, it may still land. */
export class RegistryChanged extends Error {
  override name = 'RegistryChanged';
}

/**
 * The gateway's own database: the partner registry, the served graph's revisions and the
 * clients' registered operations. Every replica of the gateway opens the same one (a SQLite
 * file on the embedded default, a PostgreSQL schema when DATABASE_URL is set), so a change
 * written by one is served by all.
 */
export class GatewayStore {
  private constructor(readonly db: DataSource) {}

  static async open(target: DatabaseTarget, log: Logger): Promise<GatewayStore> {
    const db = createDataSource({
      target,
      entities: [Partner, SupergraphRevision, ClientOperation],
      migrations: [CreatePartnerRegistry1800000000000],
      logger: log,
    });
    log.info({ database: describeTarget(target) }, 'opening the gateway store');
    await openDatabase(db, target);
    return new GatewayStore(db);
  }

  /** what a replica polls: one indexed read */
  async latestRevision(): Promise<number> {
    const row = await this.db.getRepository(SupergraphRevision).find({ select: { revision: true }, order: { revision: 'DESC' }, take: 1 });
    return row[0]?.revision ?? 0;
  }

  /** The newest revision with its active partners, read together: a commit lands both or neither. */
  snapshot(): Promise<RegistrySnapshot> {
    return this.consistently(async (manager) => {
      const [served] = await manager.find(SupergraphRevision, { order: { revision: 'DESC' }, take: 1 });
      const active = await manager.find(Partner, { where: { status: PartnerStatus.ACTIVE }, order: { name: 'ASC' } });
      return { revision: served?.revision ?? 0, served, active };
    });
  }

  partner(name: string): Promise<Partner | null> {
    return this.db.getRepository(Partner).findOneBy({ name });
  }

  partners(status?: PartnerStatus): Promise<Partner[]> {
    return this.db.getRepository(Partner).find({ where: status ? { status } : {}, order: { name: 'ASC' } });
  }

  revisions(take: number): Promise<SupergraphRevision[]> {
    return this.db.getRepository(SupergraphRevision).find({ order: { revision: 'DESC' }, take });
  }

  /** Writes a partner change and the revision it makes, or neither: RegistryChanged when another revision came first. */
  async commit(change: RegistryChange): Promise<number> {
    const revision = change.basedOn + 1;
    try {
      await this.db.transaction(async (manager) => {
        const [newest] = await manager.find(SupergraphRevision, { select: { revision: true }, order: { revision: 'DESC' }, take: 1 });
        if ((newest?.revision ?? 0) !== change.basedOn)
          throw new RegistryChanged(`revision ${newest?.revision} came after ${change.basedOn}`);
        // the primary key settles two writers who read the same newest revision at once
        await manager.insert(SupergraphRevision, {
          revision,
          supergraphSdl: change.supergraphSdl,
          coreHash: change.coreHash,
          partners: change.partners.join(','),
          reason: change.reason,
          createdAt: new Date().toISOString(),
          createdBy: change.by,
        });
        await manager.save(Partner, change.partner);
      });
    } catch (err) {
      if (err instanceof RegistryChanged) throw err;
      if (constraintViolated(err) === 'unique') throw new RegistryChanged(`revision ${revision} was written by another change`);
      throw err;
    }
    return revision;
  }

  clientOperations(): Promise<ClientOperation[]> {
    return this.db.getRepository(ClientOperation).find({ order: { client: 'ASC', name: 'ASC' } });
  }

  /** The registered operations with this document hash (one per client that registered the text). */
  clientOperationsByHash(hash: string): Promise<ClientOperation[]> {
    return this.db.getRepository(ClientOperation).findBy({ hash });
  }

  /** Registers documents once each (the same text again is a no-op); a new text under a known name is a new version, and the old one stays while old clients send it. */
  async registerClientOperations(operations: Omit<ClientOperation, 'registeredAt'>[]): Promise<number> {
    return this.db.transaction(async (manager) => {
      let added = 0;
      for (const operation of operations) {
        const existing = await manager.findOneBy(ClientOperation, { client: operation.client, hash: operation.hash });
        if (existing) continue;
        await manager.insert(ClientOperation, { ...operation, registeredAt: new Date().toISOString() });
        added += 1;
      }
      return added;
    });
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  /** A read transaction that sees one moment on PostgreSQL too (its default, READ COMMITTED, may see a commit between two statements). */
  private consistently<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.options.type === 'postgres' ? this.db.transaction('REPEATABLE READ', read) : this.db.transaction(read);
  }
}
