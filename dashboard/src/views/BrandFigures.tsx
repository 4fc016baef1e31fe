import { useAnswer } from '../ask';
import { Chart } from '../components/Chart';
import { Figure, Panel } from '../components/Panel';
import { BrandFiguresDocument, type BrandFiguresQuery } from '../graphql/graphql';
import { count, percent } from '../labels';
import { SICHUAN } from '../sichuan';
import { barFrame, PALETTE } from './format';

type Figures = NonNullable<BrandFiguresQuery['brand']>;

/** the subgraph that holds each figure */
const FROM = {
  baseCounts: 'bases',
  citiesWithoutMainBase: 'bases',
  usageLicences: 'brands',
  trainingProgress: 'training',
  trainingOutcomes: 'training',
  competitionCounts: 'training',
} as const;

/** One brand's figures, sub-brands rolled up: bases, the map of person-times, outcomes, competitions, licences. */
export function BrandFigures({
  brandId,
  brandName,
  cityCode,
  scope,
  token,
}: {
  brandId: string;
  brandName: string;
  cityCode: string;
  scope: string;
  token: string | null;
}) {
  const asked = useAnswer(BrandFiguresDocument, { brandId, cityCode: cityCode || null }, token);
  return (
    <Panel title={`${brandName} · ${scope}`} asked={asked} id="brand">
      {(answer) => {
        const brand = answer.data?.brand;
        if (!brand)
          return (
            <Figure answer={answer} at={['brand']} from="brands">
              {() => <p>没有这个品牌</p>}
            </Figure>
          );
        const at = (field: keyof typeof FROM) => ({ answer, at: ['brand', field], from: FROM[field] });
        return (
          <>
            <div className="cards">
              <Figure {...at('baseCounts')}>{() => <BaseCards brand={brand} />}</Figure>
              <Figure {...at('usageLicences')}>
                {() => <Card label="有效使用许可（全省）" figure="licences" value={count(brand.usageLicences?.length ?? 0)} />}
              </Figure>
              <Figure {...at('trainingProgress')}>
                {() => <Card label="累计培训人次" figure="brandPersonTimes" value={count(brand.trainingProgress?.personTimes ?? 0)} />}
              </Figure>
            </div>
            <div className="two">
              <div>
                <h3>各市州培训人次</h3>
                <Figure {...at('trainingProgress')}>{() => <PersonTimesMap brand={brand} />}</Figure>
              </div>
              <div>
                <h3>各市州在册基地</h3>
                <Figure {...at('baseCounts')}>{() => <BasesByCity brand={brand} />}</Figure>
              </div>
            </div>
            {!cityCode && (
              <Figure {...at('citiesWithoutMainBase')}>
                {() => (
                  <p className="gaps" data-figure="withoutMainBase">
                    尚无在册主基地的市州（{brand.citiesWithoutMainBase?.length ?? 0}）：
                    {brand.citiesWithoutMainBase?.map((c) => c.name).join('、') || '无'}
                  </p>
                )}
              </Figure>
            )}
            <div className="two">
              <div>
                <h3>学员结业、取证与就业（按项目年度）</h3>
                <Figure {...at('trainingOutcomes')}>{() => <Outcomes brand={brand} />}</Figure>
              </div>
              <div>
                <h3>竞赛</h3>
                <Figure {...at('competitionCounts')}>{() => <Competitions brand={brand} />}</Figure>
              </div>
            </div>
          </>
        );
      }}
    </Panel>
  );
}

function Card({ label, value, figure }: { label: string; value: string; figure: string }) {
  return (
    <div className="card">
      <span>{label}</span>
      <strong data-figure={figure}>{value}</strong>
    </div>
  );
}

function BaseCards({ brand }: { brand: Figures }) {
  const total = (tier: string) => (brand.baseCounts ?? []).filter((g) => g.tier === tier).reduce((n, g) => n + g.count, 0);
  return (
    <>
      <Card label="在册主基地" figure="mainBases" value={count(total('MAIN'))} />
      <Card label="在册辅基地" figure="auxiliaryBases" value={count(total('AUXILIARY'))} />
    </>
  );
}

function PersonTimesMap({ brand }: { brand: Figures }) {
  const byCity = brand.trainingProgress?.byCity ?? [];
  const data = byCity.map((c) => ({ name: SICHUAN.nameOnMap.get(c.city?.code ?? '') ?? c.city?.name ?? '', value: c.personTimes }));
  const max = Math.max(1, ...byCity.map((c) => c.personTimes));
  return (
    <Chart
      label="各市州培训人次地图"
      height={360}
      option={{
        tooltip: { trigger: 'item', formatter: '{b}：{c} 人次' },
        visualMap: { min: 0, max, left: 0, bottom: 0, text: ['多', '少'], calculable: true, inRange: { color: ['#eef4ee', PALETTE[0]] } },
        series: [{ type: 'map', map: SICHUAN.mapName, roam: false, data, label: { show: false }, emphasis: { label: { show: true } } }],
      }}
    />
  );
}

function BasesByCity({ brand }: { brand: Figures }) {
  const cities = new Map<string, { name: string; MAIN: number; AUXILIARY: number }>();
  for (const g of brand.baseCounts ?? []) {
    const city = cities.get(g.city?.code ?? '') ?? { name: g.city?.name ?? '', MAIN: 0, AUXILIARY: 0 };
    city[g.tier as 'MAIN' | 'AUXILIARY'] += g.count;
    cities.set(g.city?.code ?? '', city);
  }
  // ranked: the most bases on top
  const ranked = [...cities.values()].sort((a, b) => a.MAIN + a.AUXILIARY - (b.MAIN + b.AUXILIARY));
  return (
    <Chart
      label="各市州在册主基地与辅基地数"
      height={Math.max(160, ranked.length * 18 + 60)}
      option={{
        ...barFrame([]),
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', data: ranked.map((c) => c.name) },
        series: [
          { name: '主基地', type: 'bar', stack: 'bases', data: ranked.map((c) => c.MAIN) },
          { name: '辅基地', type: 'bar', stack: 'bases', data: ranked.map((c) => c.AUXILIARY) },
        ],
      }}
    />
  );
}

function Outcomes({ brand }: { brand: Figures }) {
  return (
    <table className="figures" data-table="outcomes">
      <thead>
        <tr>
          <th>年度</th>
          <th>人次</th>
          <th>结业</th>
          <th>取证率</th>
          <th>就业率</th>
        </tr>
      </thead>
      <tbody>
        {(brand.trainingOutcomes ?? []).map((o) => (
          <tr key={o.year ?? 'all'} data-year={o.year}>
            <th scope="row">{o.year}</th>
            <td data-figure="personTimes">{count(o.personTimes)}</td>
            <td data-figure="completed">{count(o.completed)}</td>
            <td data-figure="certificationRate">{percent(o.certificationRate)}</td>
            <td data-figure="employmentRate">{percent(o.employmentRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Competitions({ brand }: { brand: Figures }) {
  return (
    <table className="figures" data-table="competitions">
      <thead>
        <tr>
          <th>年度</th>
          <th>场次</th>
          <th>参赛人数</th>
        </tr>
      </thead>
      <tbody>
        {(brand.competitionCounts ?? []).map((c) => (
          <tr key={c.year ?? 'all'} data-year={c.year}>
            <th scope="row">{c.year}</th>
            <td data-figure="competitions">{count(c.competitions)}</td>
            <td data-figure="participants">{count(c.participants)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
