import type { TypedDocumentNode } from '@graphql-typed-document-node/core';

/** The name the gateway knows the dashboard by: it registers the dashboard's operations under it and takes only those from it. */
export const CLIENT_NAME = 'dashboard';

/** One error of an answer, as the page shows it: where it is, and the graph's stable code. */
export interface Problem {
  code: string;
  message: string;
  /** the field that failed, from the root; empty for the whole operation */
  path: readonly (string | number)[];
  /** which part of the graph did not answer (SUBGRAPH_UNAVAILABLE) */
  service?: string;
  reason?: string;
}

export interface Answer<T> {
  /** what the graph answered; a failed field is null here and has its problem below */
  data: T | null;
  problems: Problem[];
  /** the gateway answered a public read from its last whole answer while a part was down */
  stale?: { asOf: string; unavailable?: string[] };
}

/** The gateway could not be reached, or did not answer in GraphQL. */
export class GraphUnreachable extends Error {}

interface Wire {
  data?: unknown;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; service?: string; reason?: string } }[];
  extensions?: { stale?: Answer<unknown>['stale'] };
}

/**
 * Asks the gateway one of the dashboard's operations by its hash alone (Apollo's persisted-query
 * extension): the bundle carries no query text, the gateway has it registered.
 */
export async function ask<T, V>(document: TypedDocumentNode<T, V>, variables: V, token: string | null): Promise<Answer<T>> {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash?.replace(/^sha256:/, '');
  if (!hash) throw new Error('an operation without its hash: the dashboard was built without persisted documents');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'apollographql-client-name': CLIENT_NAME };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers,
      body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
  } catch {
    throw new GraphUnreachable('无法连接到服务器，请检查网络');
  }
  let body: Wire;
  try {
    body = (await response.json()) as Wire;
  } catch {
    throw new GraphUnreachable(`服务器未能应答（HTTP ${response.status}）`);
  }
  return {
    data: (body.data ?? null) as T | null,
    problems: (body.errors ?? []).map((e) => ({
      code: e.extensions?.code ?? 'UNKNOWN',
      message: e.message,
      path: e.path ?? [],
      service: e.extensions?.service,
      reason: e.extensions?.reason,
    })),
    stale: body.extensions?.stale,
  };
}

/**
 * Why the value at `path` is missing from an answer, or undefined when it is there (or is a real
 * null). A field that failed has its error by path; a part of the graph that did not answer
 * (SUBGRAPH_UNAVAILABLE) has one error for all its fields, without a path, naming the service:
 * `from` says which service holds the field.
 */
export function whyMissing(answer: Answer<unknown>, path: readonly (string | number)[], from?: string): Problem | undefined {
  let value: unknown = answer.data;
  for (const segment of path) {
    if (value == null) break;
    value = (value as Record<string | number, unknown>)[segment];
  }
  if (value != null) return undefined;
  const placed = answer.problems.find((p) => {
    if (p.path.length === 0) return false;
    const n = Math.min(p.path.length, path.length);
    return p.path.slice(0, n).every((segment, i) => segment === path[i]);
  });
  return (
    placed ?? answer.problems.find((p) => p.path.length === 0 && (from === undefined || p.service === undefined || p.service === from))
  );
}
