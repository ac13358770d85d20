#!/bin/sh
# Starts the compiled NestJS app named by $APP (set by the image's APP build arg).
# nest build writes dist/apps/<app>/apps/<app>/src/main.js (tsc rootDir is the repo root because
# the apps compile libs/ too); fall back to searching in case the layout changes.
set -eu

case "${APP:-}" in
  gateway|membership|activities|governance|enterprise|analyst-streams|notifications) ;;
  *)
    echo "docker-entrypoint: APP must be one of gateway, membership, activities, governance, enterprise, analyst-streams, notifications (got '${APP:-}')" >&2
    exit 64
    ;;
esac

entry="/app/dist/apps/${APP}/apps/${APP}/src/main.js"
if [ ! -f "$entry" ]; then
  entry="$(find "/app/dist/apps/${APP}" -name main.js -path "*apps/${APP}/src/*" 2>/dev/null | head -n 1)"
fi
if [ -z "$entry" ] || [ ! -f "$entry" ]; then
  echo "docker-entrypoint: no main.js for ${APP} under /app/dist/apps/${APP}" >&2
  exit 66
fi

# exec: node becomes PID 1 and receives SIGTERM directly (the apps enable Nest shutdown hooks).
exec node "$entry" "$@"
