#!/usr/bin/env bash
# Runs the Neo4j JVM given as arguments and guarantees it never outlives its owner.
# The owner (the Node service or test run) holds our stdin open; when it goes away, even by
# SIGKILL, stdin reaches EOF and we stop the JVM. SIGTERM/SIGINT stop it cleanly too.
set -u
exec 3<&0
"$@" </dev/null &
jvm=$!
[ -n "${MAILLAGE_JVM_PID_FILE:-}" ] && echo "$jvm" > "$MAILLAGE_JVM_PID_FILE"
stop_jvm() {
  kill -TERM "$jvm" 2>/dev/null
  # Neo4j checkpoints on SIGTERM; give it 30 s before forcing.
  for _ in $(seq 1 300); do kill -0 "$jvm" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$jvm" 2>/dev/null
}
trap 'stop_jvm' TERM INT HUP
# Background jobs get /dev/null as stdin unless told otherwise: hand the watcher ours explicitly.
( while IFS= read -r _; do :; done; kill -TERM $$ 2>/dev/null ) <&3 &
watcher=$!
rc=0
while kill -0 "$jvm" 2>/dev/null; do
  wait "$jvm"; rc=$?
done
kill "$watcher" 2>/dev/null
exit "$rc"
