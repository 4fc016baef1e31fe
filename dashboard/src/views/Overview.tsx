import type { Asked } from '../ask';
import { Chart } from '../components/Chart';
import { Figure, Panel } from '../components/Panel';
import type { Answer } from '../graph';
import type { DashboardOverviewQuery } from '../graphql/graphql';
import { count, percent } from '../labels';
import type { Session } from '../session';
import { Alerts } from './Alerts';
import { BrandFigures } from './BrandFigures';
import { barFrame } from './format';
import { Roster } from './Roster';

type OverviewBrand = DashboardOverviewQuery['brands'][number];

/** The five brands against their 2025 targets, then one brand's figures, its roster and the alerts. */
export function Overview({
  overview,
  brandCode,
  cityCode,
  cityName,
  session,
}: {
  overview: Asked<DashboardOverviewQuery>;
  brandCode?: string;
  cityCode: string;
  cityName?: string;
  session: Session | null;
}) {
  const brands = overview.state === 'answered' ? (overview.answer.data?.brands ?? []) : [];
  const brand = brands.find((b) => b.code === brandCode) ?? brands[0];
  const scope = cityName ?? '全省';
  return (
    <main>
      <Panel title={`五大品牌培训人次与 2025 年目标（${scope}）`} asked={overview} id="progress">
        {(answer) => (
          <Figure answer={answer} at={['brands']} from="brands">
            {() => <Progress brands={brands} answer={answer} cityCode={cityCode} />}
          </Figure>
        )}
      </Panel>
      {brands.length > 0 && (
        <nav className="brands" aria-label="品牌">
          {brands.map((b) => (
            <a key={b.id} href={`#/brand/${b.code}`} aria-current={b.id === brand?.id ? 'page' : undefined} data-brand={b.code}>
              {b.name}
            </a>
          ))}
        </nav>
      )}
      {brand && (
        <>
          <BrandFigures brandId={brand.id} brandName={brand.name} cityCode={cityCode} scope={scope} token={session?.token ?? null} />
          <Roster brandId={brand.id} brandName={brand.name} cityCode={cityCode} token={session?.token ?? null} />
        </>
      )}
      <Alerts session={session} cityCode={cityCode} />
    </main>
  );
}

function Progress({ brands, answer, cityCode }: { brands: OverviewBrand[]; answer: Answer<DashboardOverviewQuery>; cityCode: string }) {
  const years = [...new Set(brands.flatMap((b) => b.trainingProgress?.byYear.map((y) => y.year) ?? []))].sort();
  const names = brands.map((b) => b.name);
  return (
    <div className="two">
      <table className="figures">
        <thead>
          <tr>
            <th>品牌</th>
            <th>2025 年目标（全省）</th>
            <th>{cityCode ? '本市州人次' : '已完成人次'}</th>
            {!cityCode && <th>完成率</th>}
            {years.map((y) => (
              <th key={y}>{y} 年</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {brands.map((b, i) => (
            <tr key={b.id} data-brand={b.code}>
              <th scope="row">{b.name}</th>
              <td data-figure="target">{b.trainingTarget ? count(b.trainingTarget.personTimes) : '—'}</td>
              {b.trainingProgress ? (
                <>
                  <td data-figure="personTimes">{count(b.trainingProgress.personTimes)}</td>
                  {!cityCode && <td data-figure="ratio">{percent(b.trainingProgress.ratio)}</td>}
                  {years.map((y) => (
                    <td key={y} data-figure={`year-${y}`}>
                      {count(b.trainingProgress?.byYear.find((c) => c.year === y)?.personTimes ?? 0)}
                    </td>
                  ))}
                </>
              ) : (
                <td colSpan={years.length + 2}>
                  <Figure answer={answer} at={['brands', i, 'trainingProgress']} from="training">
                    {() => '—'}
                  </Figure>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <Chart
        label="五大品牌人次与目标"
        option={{
          ...barFrame(names),
          series: [
            {
              name: '2025 年目标',
              type: 'bar',
              data: brands.map((b) => b.trainingTarget?.personTimes ?? null),
              itemStyle: { color: '#d5dbe3' },
            },
            ...years.map((y) => ({
              name: `${y} 年`,
              type: 'bar',
              stack: 'done',
              data: brands.map((b) => b.trainingProgress?.byYear.find((c) => c.year === y)?.personTimes ?? null),
            })),
          ],
        }}
      />
    </div>
  );
}
