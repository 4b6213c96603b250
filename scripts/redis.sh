#!/usr/bin/env bash
# Starts a private redis-server for grulab's sweep queue (BullMQ), in the foreground (Ctrl-C or
# SIGTERM stops it; the script execs redis-server, so its pid is the server's).
#   bash scripts/redis.sh                   data in ./redis-data, 127.0.0.1, a free port, a new password
# Environment (all optional):
#   GRULAB_REDIS_DIR    data folder (AOF, redis.conf, password, port), default ./redis-data
#   GRULAB_REDIS_BIND   address to listen on, default 127.0.0.1 (the LAN address for other machines)
#   GRULAB_REDIS_PORT   default: the port of the last start in this folder, else a free one
#   GRULAB_REDIS_FSYNC  AOF fsync policy: everysec (default: at most 1 s of writes lost if the
#                       machine crashes) or always (nothing lost, slower)
# The password is random, kept in DIR/password (mode 600), and the config in DIR/redis.conf, so it
# never shows in `ps`; starting again in the same folder keeps the URL and the queue (AOF).
# The first line printed is the URL for `grulab sweep submit --redis` and `grulab worker --redis`:
#   GRULAB_REDIS_URL=redis://:PASSWORD@HOST:PORT
set -euo pipefail
command -v redis-server >/dev/null || { echo "redis.sh: redis-server not found: install it (Debian/Ubuntu: sudo apt-get install redis-server; Redis 6.2 or later)" >&2; exit 1; }
dir="${GRULAB_REDIS_DIR:-redis-data}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
bind="${GRULAB_REDIS_BIND:-127.0.0.1}"
fsync="${GRULAB_REDIS_FSYNC:-everysec}"
case "$fsync" in everysec|always) ;; *) echo "redis.sh: GRULAB_REDIS_FSYNC must be everysec or always, got '$fsync'" >&2; exit 2 ;; esac
umask 077
[ -s "$dir/password" ] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/password"
password="$(cat "$dir/password")"
port="${GRULAB_REDIS_PORT:-$(cat "$dir/port" 2>/dev/null || true)}"
if [ -z "$port" ]; then
  port="$(node -e "const s=require('net').createServer().listen(0,'$bind',()=>{console.log(s.address().port);s.close()})")"
fi
echo "$port" > "$dir/port"
cat > "$dir/redis.conf" <<EOF
bind $bind
port $port
protected-mode yes
requirepass $password
dir $dir
appendonly yes
appendfsync $fsync
save ""
maxmemory-policy noeviction
daemonize no
logfile ""
EOF
echo "GRULAB_REDIS_URL=redis://:$password@$bind:$port"
exec redis-server "$dir/redis.conf"
