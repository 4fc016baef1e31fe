import { useAnswer } from '../ask';
import { Chart } from '../components/Chart';
import { Figure, Panel } from '../components/Panel';
import { BasePageDocument, type BasePageQuery } from '../graphql/graphql';
import { count, CREDIT_EVENT, HONOUR_KIND, HONOUR_LEVEL, PROGRAM_STATUS, RESULT, ROSTER_STATUS, score, TIER } from '../labels';
import { barFrame } from './format';

type Base = NonNullable<BasePageQuery['base']>;

/** the subgraph that holds each part of the page */
const FROM = {
  brand: 'brands',
  personTimes: 'training',
  trainingPrograms: 'training',
  assessments: 'evaluation',
  credit: 'evaluation',
} as const;

/** 基地详情: brand, operator, honours, programs, person-times, assessments over the years and credit events. */
export function BasePage({ id, token }: { id: string; token: string | null }) {
  const asked = useAnswer(BasePageDocument, { id }, token);
  const name = asked.state === 'answered' ? asked.answer.data?.base?.name : undefined;
  return (
    <main className="base-page">
      <p>
        <a href="#/" onClick={() => history.length > 1 && history.back()}>
          ← 返回概览
        </a>
      </p>
      <Panel title={name ?? '基地详情'} asked={asked} id="base">
        {(answer) => {
          const base = answer.data?.base;
          if (!base)
            return (
              <Figure answer={answer} at={['base']} from="bases">
                {() => <p>没有找到这个基地</p>}
              </Figure>
            );
          const at = (field: keyof typeof FROM) => ({ answer, at: ['base', field], from: FROM[field] });
          return (
            <>
              <dl className="facts">
                <dt>品牌</dt>
                <dd data-figure="brand">
                  <Figure {...at('brand')}>{() => base.brand?.name ?? '—'}</Figure>
                </dd>
                <dt>层级与状态</dt>
                <dd>
                  {TIER[base.tier]} · {ROSTER_STATUS[base.status]}（{base.designatedOn} 认定）
                </dd>
                <dt>市州</dt>
                <dd>{base.city.name}</dd>
                <dt>运营主体</dt>
                <dd data-figure="operator">
                  {base.operator.name} <small>（统一社会信用代码 {base.operator.creditCode}）</small>
                  <Figure answer={answer} at={['base', 'operator', 'credit']} from="evaluation">
                    {() =>
                      base.operator.credit ? (
                        <small>
                          {' '}
                          信用 {base.operator.credit.level} 级 · {base.operator.credit.score} 分
                          {base.operator.credit.dishonest ? ' · 失信' : ''}
                        </small>
                      ) : null
                    }
                  </Figure>
                </dd>
                <dt>培训人次</dt>
                <dd>
                  <Figure {...at('personTimes')}>{() => <strong data-figure="personTimes">{count(base.personTimes ?? 0)}</strong>}</Figure>
                </dd>
                <dt>荣誉</dt>
                <dd data-figure="honours">
                  {base.honours.length === 0
                    ? '无'
                    : base.honours.map((h) => `${h.year} 年${HONOUR_LEVEL[h.level]}${HONOUR_KIND[h.kind]}（${h.name}）`).join('；')}
                </dd>
              </dl>
              <div className="two">
                <div>
                  <h3>历年评估</h3>
                  <Figure {...at('assessments')}>{() => <Assessments base={base} />}</Figure>
                </div>
                <div>
                  <h3>各年度培训人次</h3>
                  <Figure {...at('trainingPrograms')}>{() => <PersonTimesByYear base={base} />}</Figure>
                </div>
              </div>
              <h3>培训项目</h3>
              <Figure {...at('trainingPrograms')}>{() => <Programs base={base} />}</Figure>
              <h3>信用记录</h3>
              <Figure {...at('credit')}>{() => <CreditEvents base={base} />}</Figure>
            </>
          );
        }}
      </Panel>
    </main>
  );
}

function Assessments({ base }: { base: Base }) {
  const assessments = [...(base.assessments ?? [])].sort((a, b) => a.year - b.year);
  if (assessments.length === 0) return <p>尚无评估</p>;
  return (
    <>
      <Chart
        label="历年质量度与信用度"
        height={220}
        option={{
          ...barFrame(assessments.map((a) => String(a.year))),
          yAxis: { type: 'value', min: 0, max: 100 },
          series: [
            { name: '质量度', type: 'line', data: assessments.map((a) => a.qualityScore) },
            { name: '信用度', type: 'line', data: assessments.map((a) => a.trustScore) },
          ],
        }}
      />
      <table className="figures" data-table="assessments">
        <thead>
          <tr>
            <th>年度</th>
            <th>结果</th>
            <th>质量度</th>
            <th>信用度</th>
            <th>群众评价</th>
          </tr>
        </thead>
        <tbody>
          {assessments.map((a) => (
            <tr key={a.id} data-year={a.year}>
              <th scope="row">{a.year}</th>
              <td className={a.result === 'FAIL' ? 'bad' : undefined} data-figure="result">
                {RESULT[a.result]}
              </td>
              <td data-figure="qualityScore">{score(a.qualityScore)}</td>
              <td>{score(a.trustScore)}</td>
              <td>{score(a.publicScore)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function PersonTimesByYear({ base }: { base: Base }) {
  const byYear = new Map<number, number>();
  for (const p of base.trainingPrograms ?? []) byYear.set(p.year, (byYear.get(p.year) ?? 0) + p.personTimes);
  const years = [...byYear.keys()].sort();
  if (years.length === 0) return <p>尚无培训项目</p>;
  return (
    <Chart
      label="各年度培训人次"
      height={220}
      option={{
        ...barFrame(years.map(String)),
        legend: undefined,
        series: [{ name: '人次', type: 'bar', data: years.map((y) => byYear.get(y)) }],
      }}
    />
  );
}

function Programs({ base }: { base: Base }) {
  const programs = base.trainingPrograms ?? [];
  if (programs.length === 0) return <p>尚无培训项目</p>;
  return (
    <table className="figures" data-table="programs">
      <thead>
        <tr>
          <th>年度</th>
          <th>职业（工种）</th>
          <th>等级</th>
          <th>起止</th>
          <th>状态</th>
          <th>计划人数</th>
          <th>人次</th>
        </tr>
      </thead>
      <tbody>
        {programs.map((p) => (
          <tr key={p.id}>
            <td>{p.year}</td>
            <td>{p.occupation}</td>
            <td>{p.level} 级</td>
            <td>
              {p.startOn} 至 {p.endOn}
            </td>
            <td>{PROGRAM_STATUS[p.status]}</td>
            <td>{count(p.capacity)}</td>
            <td data-figure="programPersonTimes">{count(p.personTimes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CreditEvents({ base }: { base: Base }) {
  const credit = base.credit;
  if (!credit) return <p>—</p>;
  return (
    <>
      <p data-figure="credit">
        信用 {credit.level} 级 · {credit.score} 分{credit.dishonest ? ' · 已列入失信名单' : ''}
      </p>
      {credit.events.length === 0 ? (
        <p>无信用事件</p>
      ) : (
        <table className="figures" data-table="creditEvents">
          <thead>
            <tr>
              <th>日期</th>
              <th>类别</th>
              <th>分值</th>
              <th>事由</th>
            </tr>
          </thead>
          <tbody>
            {credit.events.map((e) => (
              <tr key={e.id}>
                <td>{e.occurredOn}</td>
                <td className={e.kind === 'DISHONESTY' || e.kind === 'VIOLATION' ? 'bad' : undefined}>{CREDIT_EVENT[e.kind]}</td>
                <td>{e.points > 0 ? `+${e.points}` : e.points}</td>
                <td>{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
