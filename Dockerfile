# One image for the five services; docker-compose.yml picks each one's entry point.
FROM node:20.19-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 12 compiles from source on Node 20
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY gateway/package.json gateway/
COPY packages/runtime/package.json packages/runtime/
COPY packages/database/package.json packages/database/
COPY packages/subgraph-kit/package.json packages/subgraph-kit/
COPY subgraphs/brands/package.json subgraphs/brands/
COPY subgraphs/bases/package.json subgraphs/bases/
COPY subgraphs/training/package.json subgraphs/training/
COPY subgraphs/evaluation/package.json subgraphs/evaluation/
COPY partners/example-bank/package.json partners/example-bank/
COPY dashboard/package.json dashboard/
# the root's prepare (the dashboard's build) needs the sources, copied below: dependencies' own install scripts run by rebuild
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20.19-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
