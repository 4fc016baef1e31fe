import { useEffect, useState } from 'react';
import { useAnswer } from '../ask';
import { DashboardOverviewDocument } from '../graphql/graphql';
import { ROLE } from '../labels';
import { keepSession, restoreSession, type Session } from '../session';
import { BasePage } from './BasePage';
import { Overview } from './Overview';
import { SignIn } from './SignIn';

/** Where the page is: the overview of a brand (#/brand/<code>) or a base (#/base/<id>). */
type Route = { page: 'overview'; brandCode?: string } | { page: 'base'; id: string };

function routeOf(hash: string): Route {
  const [, page, value] = hash.replace(/^#/, '').split('/');
  if (page === 'base' && value) return { page: 'base', id: decodeURIComponent(value) };
  return { page: 'overview', brandCode: page === 'brand' && value ? decodeURIComponent(value) : undefined };
}

export function App() {
  const [session, setSession] = useState<Session | null>(restoreSession);
  const [route, setRoute] = useState<Route>(() => routeOf(location.hash));
  const [chosenCity, setChosenCity] = useState<string>('');
  useEffect(() => {
    const follow = () => setRoute(routeOf(location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const token = session?.token ?? null;
  // a CITY_ADMIN sees its own 市州; the gateway would refuse another's anyway
  const cityLocked = session?.role === 'CITY_ADMIN' ? (session.city ?? '') : undefined;
  const cityCode = cityLocked ?? chosenCity;
  const overview = useAnswer(DashboardOverviewDocument, { cityCode: cityCode || null }, token);
  const cities = overview.state === 'answered' ? (overview.answer.data?.cities ?? []) : [];
  const cityName = cities.find((c) => c.code === cityCode)?.name;

  const signIn = (next: Session | null) => {
    keepSession(next);
    setSession(next);
    setChosenCity('');
  };

  return (
    <div className="dashboard">
      <header>
        <div className="title">
          <h1>技能四川公共品牌 · 项目办看板</h1>
          <p className="viewer" data-role={session?.role ?? 'PUBLIC'}>
            {session
              ? `${ROLE[session.role] ?? session.role}${session.city ? ` · ${cityName ?? session.city}` : ''}`
              : '公众视图（公开数据）'}
          </p>
        </div>
        <label className="city">
          范围
          <select value={cityCode} disabled={cityLocked !== undefined} onChange={(e) => setChosenCity(e.target.value)} aria-label="市州">
            <option value="">全省</option>
            {cities.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <SignIn session={session} onChange={signIn} />
      </header>
      {route.page === 'base' ? (
        <BasePage id={route.id} token={token} />
      ) : (
        <Overview overview={overview} brandCode={route.brandCode} cityCode={cityCode} cityName={cityName} session={session} />
      )}
      <footer>数据来自技能四川公共品牌图谱（GraphQL 网关）· 所有资源由本服务器提供</footer>
    </div>
  );
}
