import { useAnswer } from '../ask';
import { Figure, Panel } from '../components/Panel';
import { FlaggedSubjectsDocument, MissingReportsDocument, WaitingApplicationsDocument } from '../graphql/graphql';
import { APPLICATION_KIND, APPLICATION_STATUS, count, FLAG, RESULT, score, TIER } from '../labels';
import type { Session } from '../session';

/**
 * 预警: what needs the office's attention. Each list is the graph's own answer for the viewer —
 * a role that may not read one sees why, in its place.
 */
export function Alerts({ session, cityCode }: { session: Session | null; cityCode: string }) {
  const token = session?.token ?? null;
  const flagged = useAnswer(FlaggedSubjectsDocument, {}, token);
  const reports = useAnswer(MissingReportsDocument, { cityCode: cityCode || null }, token);
  const applications = useAnswer(WaitingApplicationsDocument, { cityCode: cityCode || null }, token);
  return (
    <div className="alerts">
      <Panel title="最新评估不合格或失信的在册主体" asked={flagged} id="flagged">
        {(answer) => (
          <Figure answer={answer} at={['flaggedSubjects']} from="evaluation">
            {() => {
              // the list is province-wide; a chosen 市州 narrows what is shown
              const subjects = answer.data!.flaggedSubjects.filter((f) => !cityCode || f.subject?.city.code === cityCode);
              return (
                <>
                  <p>
                    <strong data-figure="flagged">{count(subjects.length)}</strong> 个
                  </p>
                  <ul>
                    {subjects.map((f, i) => (
                      <li key={f.subject?.id ?? i}>
                        {f.subject?.__typename === 'Base' ? <a href={`#/base/${f.subject.id}`}>{f.subject.name}</a> : f.subject?.name}
                        {f.subject && <small> · {f.subject.city.name}</small>}
                        <span className="bad"> {f.reasons.map((r) => FLAG[r]).join('、')}</span>
                        {f.assessment && (
                          <small>
                            {' '}
                            （{f.assessment.year} 年 {RESULT[f.assessment.result]} {score(f.assessment.qualityScore)}）
                          </small>
                        )}
                      </li>
                    ))}
                  </ul>
                </>
              );
            }}
          </Figure>
        )}
      </Panel>
      <Panel title="逾期未报送的进度报告" asked={reports} id="missingReports">
        {(answer) => (
          <Figure answer={answer} at={['progressReports']} from="evaluation">
            {() => {
              const page = answer.data!.progressReports;
              return (
                <>
                  <p>
                    <strong data-figure="missingReports">{count(page.totalCount)}</strong> 份
                  </p>
                  <ul>
                    {page.nodes.map((r) => (
                      <li key={r.id}>
                        {r.organization?.name ?? '—'} <small>· {r.organization?.city.name}</small> {r.period}（应于 {r.dueOn} 前报送）
                      </li>
                    ))}
                  </ul>
                </>
              );
            }}
          </Figure>
        )}
      </Panel>
      <Panel title="待审申请" asked={applications} id="applications">
        {(answer) => (
          <Figure answer={answer} at={['submitted']} from="bases">
            {() => {
              const { submitted, inReview } = answer.data!;
              return (
                <>
                  <p>
                    <strong data-figure="waitingApplications">{count(submitted.totalCount + inReview.totalCount)}</strong> 份（已提交{' '}
                    {count(submitted.totalCount)}，初审中 {count(inReview.totalCount)}）
                  </p>
                  <ul>
                    {[...submitted.nodes, ...inReview.nodes].map((a) => (
                      <li key={a.id}>
                        {a.name}{' '}
                        <small>
                          · {a.city.name} · {APPLICATION_KIND[a.kind]}
                          {a.tier ? ` · ${TIER[a.tier]}` : ''}
                        </small>{' '}
                        {APPLICATION_STATUS[a.status]}（{a.submittedOn} 提交，{a.organization.name}）
                      </li>
                    ))}
                  </ul>
                </>
              );
            }}
          </Figure>
        )}
      </Panel>
    </div>
  );
}
