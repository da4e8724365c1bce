# Commander as a container: `docker build -t commander .`, then see README → "Running it with Docker".
# Every stage starts from the same base image, so the better-sqlite3 binary built in prod-deps runs
# in the runtime stage.
ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-slim AS base
WORKDIR /app

# better-sqlite3 is native: when no prebuilt binary fits, it compiles, which needs this toolchain.
FROM base AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

# Compiles the TypeScript (tsc needs no native modules). --ignore-scripts: `prepare` would build
# before the sources are copied.
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Production dependencies only. `npm ci --omit=dev` would still run `prepare` (tsc, a dev
# dependency), so scripts are skipped and the one native module is built on its own.
FROM toolchain AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
  && npm rebuild better-sqlite3 \
  && npm cache clean --force

FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_PATH=/data/commander.db
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Found relative to the project root (dist/store/migrations.js → /app/migrations/sqlite and /app/migrations/postgres).
COPY migrations ./migrations
# The image's files stay root's; the app only writes to the database volume.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# Slim images have no curl; Node 20 has fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
