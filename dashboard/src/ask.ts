import { useEffect, useState } from 'react';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ask, GraphUnreachable, type Answer } from './graph';

export type Asked<T> = { state: 'loading' } | { state: 'unreachable'; message: string } | { state: 'answered'; answer: Answer<T> };

const LOADING = { state: 'loading' } as const;

/** An operation's answer for a component, asked again when its variables or the token change. */
export function useAnswer<T, V>(document: TypedDocumentNode<T, V>, variables: V, token: string | null): Asked<T> {
  const key = JSON.stringify([variables, token]);
  // the answer with the question it answers: an answer to other variables is never shown as this one's
  const [held, setHeld] = useState<{ key: string; asked: Asked<T> }>({ key, asked: LOADING });
  useEffect(() => {
    let current = true;
    const [given] = JSON.parse(key) as [V];
    setHeld({ key, asked: LOADING });
    ask(document, given, token).then(
      (answer) => current && setHeld({ key, asked: { state: 'answered', answer } }),
      (error: unknown) =>
        current &&
        setHeld({ key, asked: { state: 'unreachable', message: error instanceof GraphUnreachable ? error.message : String(error) } }),
    );
    return () => {
      current = false;
    };
  }, [document, key, token]);
  return held.key === key ? held.asked : LOADING;
}
