import { useState } from 'react';
import { useAnswer } from '../ask';
import { Figure, Panel } from '../components/Panel';
import { RosterDocument, type BaseTier, type RosterStatus } from '../graphql/graphql';
import { count, RESULT, ROSTER_STATUS, score, TIER } from '../labels';

const PAGE = 50;

/** 基地名册: a brand's bases (sub-brands' too) in the chosen 市州, with the latest assessment and credit level. */
export function Roster({
  brandId,
  brandName,
  cityCode,
  token,
}: {
  brandId: string;
  brandName: string;
  cityCode: string;
  token: string | null;
}) {
  const [tier, setTier] = useState<BaseTier | ''>('');
  const [status, setStatus] = useState<RosterStatus | ''>('ACTIVE');
  // the cursors of the pages before this one: back is one pop
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const filter = { brandId, cityCode: cityCode || null, tier: tier || null, status: status || null };
  const key = JSON.stringify(filter);
  const [forKey, setForKey] = useState(key);
  if (forKey !== key) {
    setForKey(key);
    setCursors([null]);
  }
  const asked = useAnswer(RosterDocument, { filter, first: PAGE, after: cursors[cursors.length - 1] }, token);
  return (
    <Panel title={`${brandName} · 基地名册`} asked={asked} id="roster">
      {(answer) => (
        <>
          <div className="filters">
            <label>
              层级
              <select value={tier} onChange={(e) => setTier(e.target.value as BaseTier | '')} aria-label="层级">
                <option value="">全部</option>
                <option value="MAIN">主基地</option>
                <option value="AUXILIARY">辅基地</option>
              </select>
            </label>
            <label>
              状态
              <select value={status} onChange={(e) => setStatus(e.target.value as RosterStatus | '')} aria-label="状态">
                <option value="">全部</option>
                {Object.entries(ROSTER_STATUS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <Figure answer={answer} at={['bases']} from="bases">
            {() => {
              const bases = answer.data!.bases;
              return (
                <>
                  <p>
                    共 <strong data-figure="rosterTotal">{count(bases.totalCount)}</strong> 个基地
                    {bases.totalCount > PAGE && `，第 ${cursors.length} 页`}
                  </p>
                  <table className="roster">
                    <thead>
                      <tr>
                        <th>基地</th>
                        <th>市州</th>
                        <th>层级</th>
                        <th>状态</th>
                        <th>运营主体</th>
                        <th>最新评估</th>
                        <th>信用等级</th>
                      </tr>
                    </thead>
                    <tbody>
                      {bases.nodes.map((b, i) => {
                        const latest = b.latestAssessment;
                        return (
                          <tr key={b.id} data-base={b.id} data-city={b.city.code}>
                            <th scope="row">
                              <a href={`#/base/${b.id}`}>{b.name}</a>
                              {b.brand && b.brand.id !== brandId && <small> · {b.brand.name}</small>}
                            </th>
                            <td>{b.city.name}</td>
                            <td>{TIER[b.tier]}</td>
                            <td>{ROSTER_STATUS[b.status]}</td>
                            <td>{b.operator.name}</td>
                            <td className={latest?.result === 'FAIL' ? 'bad' : undefined} data-figure="latestAssessment">
                              <Figure answer={answer} at={['bases', 'nodes', i, 'latestAssessment']} from="evaluation">
                                {() => (latest ? `${latest.year} ${RESULT[latest.result]} ${score(latest.qualityScore)}` : '尚无')}
                              </Figure>
                            </td>
                            <td className={b.credit?.dishonest ? 'bad' : undefined} data-figure="creditLevel">
                              <Figure answer={answer} at={['bases', 'nodes', i, 'credit']} from="evaluation">
                                {() => (b.credit ? `${b.credit.level}${b.credit.dishonest ? ' · 失信' : ''}` : '—')}
                              </Figure>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                  <div className="pages">
                    <button type="button" disabled={cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                      上一页
                    </button>
                    <button
                      type="button"
                      disabled={!bases.pageInfo.hasNextPage}
                      onClick={() => setCursors([...cursors, bases.pageInfo.endCursor ?? null])}
                    >
                      下一页
                    </button>
                  </div>
                </>
              );
            }}
          </Figure>
        </>
      )}
    </Panel>
  );
}
