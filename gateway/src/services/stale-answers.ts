import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, type ServiceMetrics } from '@skills-sichuan/runtime';
import type { GatewayContext } from '../context';
import { answerBytes } from '../limits/answer-bytes';

export interface StaleAnswerOptions {
  /** an answer older than this is never served in place of a fresh one (STALE_MAX_AGE_S) */
  maxAgeMs: number;
  /** the answers kept, in bytes of their JSON (STALE_MAX_BYTES); the least recently stored go first */
  maxBytes: number;
}

interface Kept {
  data: Record<string, unknown>;
  at: number;
  bytes: number;
}

/** What a stale answer says of itself in `extensions.stale`, so a dashboard can show "as of 10:42". */
export interface StaleMark {
  servedFrom: 'last good answer';
  /** ISO instant the answer was whole */
  asOf: string;
  ageSeconds: number;
  /** the parts that did not answer now */
  unavailable: string[];
}

/**
 * Stale but labelled: for public reads, the last whole answer to each operation and its
 * variables is kept (bounded in age and bytes), and when a part of the graph does not answer
 * (SUBGRAPH_UNAVAILABLE) that answer is sent instead of the partial one, marked in
 * `extensions.stale`. Off for any request with a viewer: what a signed-in viewer sees depends
 * on who it is, and an old answer could show what it may no longer see.
 */
export class StaleAnswers {
  private readonly kept = new Map<string, Kept>();
  private bytes = 0;
  private readonly served?: { inc(): void };

  constructor(
    private readonly options: StaleAnswerOptions,
    metrics?: ServiceMetrics,
  ) {
    this.served = metrics?.counter(
      'stale_answers_total',
      'Public answers served from the last good answer because a part of the graph did not answer',
    );
    metrics?.gauge('stale_answers_kept_bytes', 'Bytes of last good answers kept for public reads', [], (gauge) => gauge.set(this.bytes));
  }

  plugin(): ApolloServerPlugin<GatewayContext> {
    const keep = (key: string, data: Record<string, unknown>, bytes: number) => this.keep(key, data, bytes);
    const lookUp = (key: string) => this.lookUp(key);
    const served = () => this.served?.inc();
    return {
      async requestDidStart({ contextValue }) {
        if (!contextValue.viewer?.isPublic) return;
        return {
          // an answer from the response cache never reaches here: it was kept here when it was fetched
          async willSendResponse({ response, request, operation, queryHash }) {
            if (response.body.kind !== 'single' || operation?.operation !== 'query' || !queryHash) return;
            const key = createHash('sha256')
              .update(`${queryHash}\n${request.operationName ?? ''}\n${JSON.stringify(request.variables ?? {})}`)
              .digest('base64url');
            const result = response.body.singleResult;
            if (!result.errors && result.data) {
              keep(key, result.data, answerBytes(result));
              return;
            }
            // only parts that did not answer: any other error is the request's own and is told as it is
            const errors = result.errors ?? [];
            if (errors.length === 0 || !errors.every((e) => e.extensions?.code === ErrorCode.SUBGRAPH_UNAVAILABLE)) return;
            const unavailable = [...new Set(errors.map((e) => String(e.extensions?.service)))];
            const kept = lookUp(key);
            if (!kept) return;
            const mark: StaleMark = {
              servedFrom: 'last good answer',
              asOf: new Date(kept.at).toISOString(),
              ageSeconds: Math.round((Date.now() - kept.at) / 1000),
              unavailable,
            };
            response.body.singleResult = { data: kept.data, extensions: { ...result.extensions, stale: mark } };
            served();
          },
        };
      },
    };
  }

  /** `bytes`: the whole answer's, as the response-size limit measured it */
  private keep(key: string, data: Record<string, unknown>, bytes: number): void {
    if (bytes > this.options.maxBytes / 4) return;
    this.drop(key);
    this.kept.set(key, { data, at: Date.now(), bytes });
    this.bytes += bytes;
    // a Map iterates in insertion order: the first keys are the least recently stored
    for (const [old, entry] of this.kept) {
      if (this.bytes <= this.options.maxBytes) break;
      this.kept.delete(old);
      this.bytes -= entry.bytes;
    }
  }

  private lookUp(key: string): Kept | undefined {
    const kept = this.kept.get(key);
    if (!kept) return undefined;
    if (Date.now() - kept.at > this.options.maxAgeMs) {
      this.drop(key);
      return undefined;
    }
    return kept;
  }

  private drop(key: string): void {
    const old = this.kept.get(key);
    if (!old) return;
    this.kept.delete(key);
    this.bytes -= old.bytes;
  }
}
