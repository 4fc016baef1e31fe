import fs from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import type { HttpRoute } from '@skills-sichuan/runtime';
import { IDE_EXAMPLES } from './examples';

/**
 * GraphiQL served entirely from this gateway — its UMD bundle and React 18 from
 * node_modules, fonts inlined in its CSS — so the IDE works with no internet.
 */
const ASSETS: Record<string, { pkg: string; file: string; type: string }> = {
  '/ide/graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css; charset=utf-8' },
  '/ide/graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript; charset=utf-8' },
  '/ide/react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript; charset=utf-8' },
  '/ide/react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript; charset=utf-8' },
};

// the packages' "exports" hide these files from require.resolve, but not their package.json
const packageFile = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const START_SCRIPT = `'use strict';
const tabs = ${JSON.stringify(IDE_EXAMPLES.map((query) => ({ query })))};
const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).href });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultTabs: tabs, defaultEditorToolsVisibility: false }),
);
`;

// Only this gateway's own files run in the page (a meta CSP, since Apollo renders the landing page).
const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'">
<title>技能四川 graph · GraphiQL</title>
<link rel="stylesheet" href="/ide/graphiql.min.css">
</head>
<body style="margin:0">
<div id="graphiql" style="height:100vh"></div>
<script src="/ide/react.production.min.js"></script>
<script src="/ide/react-dom.production.min.js"></script>
<script src="/ide/graphiql.min.js"></script>
<script src="/ide/start.js"></script>
</body>
</html>
`;

function asset(body: string | Buffer, type: string): HttpRoute {
  return (_req, res) => {
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'public, max-age=3600');
    res.end(body);
  };
}

/** The IDE's static files, read once at start-up. */
export function ideRoutes(): Record<string, HttpRoute> {
  const routes: Record<string, HttpRoute> = {
    '/ide/start.js': asset(START_SCRIPT, 'text/javascript; charset=utf-8'),
    '/': (_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', '/graphql');
      res.end();
    },
  };
  for (const [route, { pkg, file, type }] of Object.entries(ASSETS)) routes[route] = asset(fs.readFileSync(packageFile(pkg, file)), type);
  return routes;
}

/** Shows the IDE to a browser that opens /graphql (Apollo serves it on GET with Accept: text/html). */
export function ideLandingPage(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html: PAGE };
        },
      };
    },
  };
}
