# syntax=docker/dockerfile:1
# Production image: server and built client in dist/, production dependencies only, runs as user `node`.
# Used by docker-compose.yml (two replicas behind nginx); works alone too:
#   docker build -t safe-haven-ops . && docker run --rm -p 127.0.0.1:3000:3000 safe-haven-ops
# (no DATABASE_URL: embedded PGlite in /app/data and the demo scenario).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so that a source change does not reinstall them.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data \
    STATIC_DIR=/app/dist/client
WORKDIR /app
# The whole pruned tree (not just dist/), because the server reads files such as shared/geo/ at run time.
# Owned by root, so the app cannot change its own code; only DATA_DIR is writable for it.
COPY --from=build /app /app
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server/index.js"]
