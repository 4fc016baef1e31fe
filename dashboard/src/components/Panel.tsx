import type { ReactNode } from 'react';
import type { Asked } from '../ask';
import { whyMissing, type Answer } from '../graph';
import { describe } from '../labels';

/** A section of the page: its title, a loading and an error state, and its content once answered. */
export function Panel<T>({
  title,
  asked,
  id,
  children,
}: {
  title: string;
  asked: Asked<T>;
  id?: string;
  children: (answer: Answer<T>) => ReactNode;
}) {
  return (
    <section className="panel" data-panel={id} aria-busy={asked.state === 'loading'}>
      <h2>{title}</h2>
      {asked.state === 'loading' && <p className="loading">加载中…</p>}
      {asked.state === 'unreachable' && (
        <p className="failed" role="alert">
          {asked.message}
        </p>
      )}
      {asked.state === 'answered' && (
        <>
          {asked.answer.stale && (
            <p className="stale" role="status">
              部分服务暂不可用，以下为 {new Date(asked.answer.stale.asOf).toLocaleString('zh-CN')} 的数据
            </p>
          )}
          {children(asked.answer)}
        </>
      )}
    </section>
  );
}

/**
 * A figure, or why it is not there: a part of the graph that is down says so instead of showing
 * zero. `at` is the figure's path in the answer, `from` the service that holds it.
 */
export function Figure({
  answer,
  at,
  from,
  children,
}: {
  answer: Answer<unknown>;
  at: readonly (string | number)[];
  from: string;
  children: () => ReactNode;
}) {
  const problem = whyMissing(answer, at, from);
  if (problem)
    return (
      <p className="unavailable" data-problem={problem.code}>
        {describe(problem)}
      </p>
    );
  return <>{children()}</>;
}
