import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { DomainError, ErrorCode } from '@skills-sichuan/runtime';
import type { GatewayStore } from '../store/gateway-store';
import { builtInOperations, documentHash } from './registered';

/** Apollo Server prefixes the keys of its persisted-query cache so (requestPipeline's APQ_CACHE_PREFIX). */
const APQ_PREFIX = 'apq:';
const UNKNOWN_FOR_MS = 2_000;
const MAX_UNKNOWN = 10_000;

/**
 * Trusted documents: operations registered by the SHA-256 of their text (the built-in ones, and
 * those registered in the gateway's store), which a client sends by hash alone — Apollo's
 * persisted-query extension, `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":…}}}`.
 * A client named in `onlyRegistered` may send nothing else.
 */
export class TrustedDocuments {
  /** hash → the clients that registered it, and its text; documents never change under a hash, so what is found stays */
  private readonly known = new Map<string, { clients: Set<string>; document: string }>();
  /** hashes the store did not have, and until when that answer stands: a flood of unknown hashes is not a flood of reads */
  private readonly unknown = new Map<string, number>();

  constructor(private readonly store: GatewayStore) {
    for (const { client, document } of builtInOperations()) this.remember(documentHash(document), client, document);
  }

  /** The registered document with this hash, and who registered it; undefined when none has. */
  async find(hash: string): Promise<{ clients: Set<string>; document: string } | undefined> {
    if (!/^[0-9a-f]{64}$/.test(hash)) return undefined;
    const known = this.known.get(hash);
    if (known) return known;
    if ((this.unknown.get(hash) ?? 0) > Date.now()) return undefined;
    // registered since this replica started, perhaps by another replica: the store has it
    for (const { client, document } of await this.store.clientOperationsByHash(hash)) this.remember(hash, client, document);
    const found = this.known.get(hash);
    if (!found) {
      if (this.unknown.size >= MAX_UNKNOWN) this.unknown.clear();
      this.unknown.set(hash, Date.now() + UNKNOWN_FOR_MS);
    }
    return found;
  }

  /**
   * Apollo Server's persisted-query cache: a hash finds a registered document first. Automatic
   * persisted queries of other clients (hash and text sent once, the hash alone afterwards) are
   * kept apart, in memory and bounded, as Apollo Server's own default cache kept them.
   */
  cache(): KeyValueCache<string> {
    const automatic = new InMemoryLRUCache<string>({ maxSize: 16 * 1024 * 1024 });
    return {
      get: async (key) => {
        const registered = key.startsWith(APQ_PREFIX) ? await this.find(key.slice(APQ_PREFIX.length)) : undefined;
        return registered?.document ?? automatic.get(key);
      },
      set: (key, value, options) => automatic.set(key, value, options),
      delete: (key) => automatic.delete(key),
    };
  }

  /** Refuses, from the clients named, any operation not registered under their name: PERSISTED_QUERY_NOT_IN_LIST. */
  onlyRegisteredFrom(clients: readonly string[]): ApolloServerPlugin {
    const bound = new Set(clients);
    return {
      requestDidStart: async ({ request }) => {
        const client = request.http?.headers.get('apollographql-client-name') ?? '';
        if (!bound.has(client)) return;
        return {
          didResolveOperation: async ({ queryHash }) => {
            const registered = await this.find(queryHash);
            if (registered?.clients.has(client)) return;
            throw new DomainError(
              ErrorCode.PERSISTED_QUERY_NOT_IN_LIST,
              `${client} sends only its registered operations, and this one is not among them`,
              {
                client,
                http: { status: 400 },
              },
            );
          },
        };
      },
    };
  }

  private remember(hash: string, client: string, document: string) {
    const entry = this.known.get(hash) ?? { clients: new Set<string>(), document };
    entry.clients.add(client);
    this.known.set(hash, entry);
  }
}
