# syntax=docker/dockerfile:1
#
# One image recipe for all seven apps of the party-building platform.
#
#   docker build --build-arg APP=membership -t registry.example/party-building/membership:0.1.0 .
#
# Stages
#   build      – full `npm ci`, then `nest build` for every app (output: dist/apps/<app>/...)
#                and the gateway's web console (tsc + vite build, output: dist/console)
#   prod-deps  – `npm ci --omit=dev`: production node_modules only
#   runtime    – node + prod deps + compiled JS, non-root, NODE_ENV=production
#
# The build stage does not depend on APP, so building the seven images reuses one cached
# build; the runtime stage carries all seven compiled apps (and the console, which the gateway
# serves) and runs the one named by APP (build arg, overridable at run time with `-e APP=...`).

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=true NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# Install scripts are not needed (the only one in the tree is telemetry, see package.json
# allowScripts), so they are not run.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY nest-cli.json tsconfig.json tsconfig.base.json ./
COPY libs ./libs
COPY apps ./apps
RUN set -eu; \
    for app in membership activities governance enterprise analyst-streams notifications gateway; do \
      npx nest build "$app"; \
    done; \
    for app in membership activities governance enterprise analyst-streams notifications gateway; do \
      entry="$(find "dist/apps/$app" -name main.js -path "*apps/$app/src/*" | head -n 1)"; \
      if [ -z "$entry" ]; then echo "no entry file for $app under dist/apps/$app" >&2; exit 1; fi; \
      echo "$app -> $entry"; \
    done
# The web console (apps/gateway/console, React + ECharts) -> dist/console, which the gateway
# serves at /console/ (apps/gateway/src/console.ts finds it next to dist/apps).
RUN set -eu; \
    npx tsc -p apps/gateway/console/tsconfig.json; \
    npx vite build -c apps/gateway/console/vite.config.mjs; \
    test -f dist/console/index.html

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG APP=gateway
RUN case "${APP}" in \
      gateway|membership|activities|governance|enterprise|analyst-streams|notifications) ;; \
      *) echo "APP must be one of gateway, membership, activities, governance, enterprise, analyst-streams, notifications (got '${APP}')" >&2; exit 1 ;; \
    esac
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    APP=${APP} \
    NODE_OPTIONS=--enable-source-maps
WORKDIR /app
LABEL org.opencontainers.image.title="party-building-${APP}" \
      org.opencontainers.image.version="0.1.0"

# Everything below is owned by root and only readable by the runtime user: the process
# cannot modify its own code or dependencies.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY deploy/docker/docker-entrypoint.sh deploy/docker/healthcheck.js ./
RUN chmod 0755 /app/docker-entrypoint.sh && chmod 0644 /app/healthcheck.js

# The `node` user of the official image, by number so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000

# gateway 3000, membership 3001, activities 3002, governance 3003, enterprise 3004,
# analyst-streams 3005, notifications 3006 (PORT env).
EXPOSE 3000 3001 3002 3003 3004 3005 3006

# Liveness only: "the process answers". Readiness (/health/ready, Kafka + MongoDB reachable) is
# probed by the orchestrator (docker-compose.yml, deploy/k8s/*.yaml).
HEALTHCHECK --interval=15s --timeout=5s --start-period=40s --retries=3 \
  CMD ["node", "/app/healthcheck.js", "/health/live"]

ENTRYPOINT ["/app/docker-entrypoint.sh"]
