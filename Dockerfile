# Rolecall's image: the build stage compiles src/ to dist/ with the dev dependencies; the runtime stage
# installs the production dependencies only (no TypeScript, no tsx) and runs the compiled JavaScript as an
# unprivileged user. tests/runtime-layout.test.ts builds the runtime stage's file layout without docker and
# starts it, so this file and that test change together.
# better-sqlite3 downloads a prebuilt binary at install; where that download is blocked it compiles SQLite,
# which needs python3, make and g++: build with --build-arg NODE_IMAGE=node:20.19-bookworm then.
ARG NODE_IMAGE=node:20.19-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# tsc needs no native module, so no install script runs here.
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
COPY tsconfig.json tsconfig.build.json ./
COPY tools/build.mjs ./tools/
COPY src ./src
RUN npm run -s build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# better-sqlite3's install script fetches its prebuilt binary for this Node and platform (see above).
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY knowledge ./knowledge
# The embedded store and the parsed-knowledge cache live in DATA_DIR; only that folder is writable.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
ENV DATA_DIR=/app/data \
    KNOWLEDGE_DIR=/app/knowledge \
    OPS_PORT=9090
# 3000: Slack's requests in HTTP mode (PORT); 9090: /livez, /readyz and /metrics (OPS_PORT), for the
# orchestrator and Prometheus only, never the public ingress.
EXPOSE 3000 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.OPS_PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself, not npm start: signals reach Rolecall directly and nothing is compiled at start-up.
CMD ["node", "dist/src/main.js"]
