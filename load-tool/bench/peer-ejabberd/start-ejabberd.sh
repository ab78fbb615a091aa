#!/usr/bin/env bash
# A private ejabberd (Debian 12's package, 23.01) for the load tool to measure beside the chat
# backend: XMPP over WebSocket on 127.0.0.1 only, its own config, Mnesia spool and log under DIR.
# It is not the system service: Debian's /etc/ejabberd and /var/lib/ejabberd are left alone.
#
#   start-ejabberd.sh plain|mam DIR [--port N] [--domain D] [--clean]
#       installs ejabberd if missing, starts it in the background (it keeps running after this
#       script returns), waits until it answers, prints its pid and WebSocket URL; DIR/ejabberd.pid
#   start-ejabberd.sh stop DIR
#       stops the instance whose pid is in DIR/ejabberd.pid (SIGTERM, SIGKILL after 30 s)
#
# plain: no message archive; offline storage as in Debian's default file (see ejabberd.yml.in).
# mam:   the same plus mod_mam archiving every message (default: always) in Mnesia.
# Users are kept in DIR's Mnesia spool between starts; --clean starts from an empty one (then
# delete the load tool's --users-file too, whose users would no longer exist).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  sed -n '5,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[ $# -ge 2 ] || usage
mode=$1
dir=$2
shift 2
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
pid_file="$dir/ejabberd.pid"

stop() {
  if [ ! -f "$pid_file" ]; then
    echo "no $pid_file: nothing to stop"
    return 0
  fi
  local pid
  pid="$(cat "$pid_file")"
  # Only a beam process of this instance (its spool in the command line) is ours to stop.
  if ! kill -0 "$pid" 2>/dev/null || ! tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$dir/spool"; then
    echo "ejabberd (pid $pid) is not running"
    rm -f "$pid_file"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$pid_file"; echo "ejabberd (pid $pid) stopped"; return 0; }
    sleep 0.5
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pid_file"
  echo "ejabberd (pid $pid) did not stop within 30 s: killed"
}

case "$mode" in
  stop) stop; exit 0 ;;
  plain|mam) ;;
  *) usage ;;
esac

port=15280
domain=localhost
clean=false
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --domain) domain=$2; shift 2 ;;
    --clean) clean=true; shift ;;
    *) usage ;;
  esac
done

if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  echo "ejabberd already runs from $dir (pid $(cat "$pid_file")); stop it first: $0 stop $dir" >&2
  exit 1
fi

if [ ! -d /usr/lib/x86_64-linux-gnu/ejabberd-23.01 ] && ! dpkg -s ejabberd >/dev/null 2>&1; then
  echo "[ejabberd] installing Debian's ejabberd package"
  # Debian starts the system service after installing where it can; this script never uses it.
  DEBIAN_FRONTEND=noninteractive apt-get install -y ejabberd >/dev/null
fi
ebin="$(ls -d /usr/lib/*/ejabberd-*/ebin 2>/dev/null | head -n 1)"
[ -n "$ebin" ] || { echo "ejabberd's modules were not found under /usr/lib/*/ejabberd-*" >&2; exit 1; }
erl_libs="$(dirname "$(dirname "$ebin")")"

if $clean; then
  rm -rf "$dir/spool" "$dir/logs"
fi
mkdir -p "$dir/spool" "$dir/logs"
config="$dir/ejabberd-$mode.yml"
muc_mam=false
[ "$mode" = mam ] && muc_mam=true
sed -e "s/@DOMAIN@/$domain/g" -e "s/@PORT@/$port/g" -e "s/@LOGLEVEL@/warning/g" -e "s/@MUC_MAM@/$muc_mam/g" \
  "$here/ejabberd.yml.in" > "$config"
[ "$mode" = mam ] && cat "$here/modules-mam.yml" >> "$config"

if ss -ltn "sport = :$port" | grep -q LISTEN; then
  echo "port $port is taken; choose another with --port" >&2
  exit 1
fi

# The same start as Debian's `ejabberdctl foreground`, minus what a private instance must not
# share with the system one: no Erlang node name, so no epmd daemon is started (and none is left
# behind), and none of /etc/default/ejabberd's paths. Runs as the calling user (root here: the
# spool is under the caller's folder). Enough ports and processes for tens of thousands of sockets.
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
cd "$dir/spool"
EJABBERD_CONFIG_PATH="$config" EJABBERD_LOG_PATH="$dir/logs/ejabberd.log" ERL_LIBS="$erl_libs" \
  ERL_CRASH_DUMP="$dir/logs/erl_crash.dump" ERL_CRASH_DUMP_BYTES=0 \
  nohup /usr/bin/erl -noinput +K true +P 1000000 +Q 200000 \
    -mnesia dir "\"$dir/spool\"" -s ejabberd </dev/null >"$dir/logs/console.log" 2>&1 &
pid=$!
echo "$pid" > "$pid_file"

url="ws://127.0.0.1:$port/ws"
for _ in $(seq 1 120); do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pid_file"
    echo "ejabberd exited while starting; see $dir/logs/console.log and $dir/logs/ejabberd.log" >&2
    tail -n 20 "$dir/logs/console.log" >&2 || true
    exit 1
  fi
  # The WebSocket handler answers a plain GET once the listener is up.
  if curl -s -o /dev/null "http://127.0.0.1:$port/ws" 2>/dev/null; then
    echo "[ejabberd] $mode mode, pid $pid, spool $dir/spool, config $config"
    echo "pid $pid"
    echo "websocket $url"
    echo "domain $domain"
    echo "register http://127.0.0.1:$port/api/register"
    echo "stop with: $0 stop $dir"
    exit 0
  fi
  sleep 0.5
done
echo "ejabberd did not answer on port $port within 60 s; stopping it" >&2
stop
exit 1
