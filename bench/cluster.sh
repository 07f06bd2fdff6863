#!/usr/bin/env bash
# The cluster mode on the packaged service: prediction requests a second through a single process,
# through one member of a three-member cluster and spread over the three; the latency of a
# prediction served from a member's memory against one that reads the weights from the shared map;
# the time from a member's kill -9 to its job's takeover. Prints one JSON line per figure.
#   bench/cluster.sh            # 10 seconds a throughput run, 8 clients (about 8 minutes)
#   bench/cluster.sh 20 16      # longer runs, more clients
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
java=""
for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*25*/bin/java; do
  if [ -x "$candidate" ] && "$candidate" -version 2>&1 | grep -q 'version "2[5-9]'; then java="$candidate"; break; fi
done
[ -n "$java" ] || { echo "cluster.sh: needs a JDK 25 (\$JAVA_HOME or /usr/lib/jvm/*25*)" >&2; exit 1; }
./mvnw -B -q -DskipTests package
"$java" -cp target/test-classes io.mlpservice.bench.ClusterBench "$@"
