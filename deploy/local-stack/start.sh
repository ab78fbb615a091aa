#!/usr/bin/env bash
# Builds the project, then starts the whole system locally: Cassandra, Kafka and Redis as child
# processes on 127.0.0.1, the schema, the topics and the six services. Ctrl-C stops everything.
#   deploy/local-stack/start.sh --help     all options
#   deploy/local-stack/start.sh --no-build start without rebuilding first
#   deploy/local-stack/start.sh token --user <uuid> --device <id>   a token for the socket
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build=1
args=()
if [ "${1:-}" = "token" ]; then
  build=0
fi
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --help|-h) build=0; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done
if [ "$build" = 1 ]; then
  echo "[local-stack] building the project (./mvnw install -DskipTests; the first build downloads dependencies)"
  (cd "$repo" && ./mvnw -q -B install -DskipTests)
fi
jar="$(ls "$repo"/deploy/local-stack/target/local-stack-*.jar 2>/dev/null | head -n 1 || true)"
if [ -z "$jar" ]; then
  echo "[local-stack] the launcher is not built yet; run without --no-build" >&2
  exit 1
fi
exec java -jar "$jar" "${args[@]+"${args[@]}"}"
