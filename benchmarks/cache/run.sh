#!/usr/bin/env bash
# Requests/s of cached responses beside their uncached versions (docs/caching.md), with wrk:
#   static node route from the full-route cache  vs  the same page rendered per request
#   edge route whose fetch hits the data cache   vs  the same fetch with cache: 'no-store'
#   Swift route whose fetch hits the data cache
# Prints one `name<TAB>requests/sec` line per case.
#
#   swift build -c release --product cache-example && swift build -c release --product verge-test-server
#   benchmarks/cache/run.sh [seconds per case, default 5]
#
# BUILD_DIR picks the binaries (default .build/release). Everything listens on 127.0.0.1;
# every process started here is stopped on exit; each wrk run is bounded in time.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${BUILD_DIR:-$root/.build/release}"
seconds="${1:-5}"
connections="${CONNECTIONS:-32}"
for binary in cache-example verge-test-server; do
  [[ -x "$build/$binary" ]] || { echo "# $build/$binary is missing: swift build -c release --product $binary" >&2; exit 1; }
done
command -v wrk >/dev/null || { echo "# wrk is missing (apt-get install wrk)" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The upstream origin the fetches go to.
"$build/verge-test-server" > "$work/upstream.txt" &
pids+=($!)
for _ in $(seq 1 100); do [[ -s "$work/upstream.txt" ]] && break; sleep 0.05; done
upstream="$(head -n1 "$work/upstream.txt")"

# A copy of the example project with UPSTREAM in its .env (edge routes read it there).
cp -R "$root/examples/cache/app" "$work/app"
echo "UPSTREAM=$upstream" > "$work/.env"
export UPSTREAM="$upstream"
"$build/cache-example" build "$work" > "$work/build.txt"
[[ -n "${SHOW_BUILD:-}" ]] && cat "$work/build.txt"
port=$((20000 + RANDOM % 20000))
"$build/cache-example" start "$work" --port "$port" --quiet > "$work/server.txt" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$port/dynamic" >/dev/null 2>&1 && break; sleep 0.05; done

measure() {
  local name="$1" path="$2"
  curl -fs "http://127.0.0.1:$port$path" >/dev/null # warm: realm booted, entry cached
  local rate
  rate="$(timeout $((seconds + 20)) wrk -t1 -c"$connections" -d"${seconds}s" "http://127.0.0.1:$port$path" \
    | awk '/Requests\/sec/ { print $2 }')"
  printf '%s\t%s\n' "$name" "${rate:-0}"
}

measure "node static route (route cache HIT)" /static
measure "node dynamic route (same page, rendered per request)" /dynamic
measure "node ISR route (route cache HIT)" /posts/1
measure "edge fetch (data cache HIT)" /edge/cached
measure "edge fetch (no-store, upstream each request)" /edge/uncached
measure "swift fetch (data cache HIT)" /swift/cached
