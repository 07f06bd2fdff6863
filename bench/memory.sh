#!/usr/bin/env bash
# Heap held by the registry, on the packaged service: 1,000 trained 784-256-128-10 models in
# memory-only mode and with mlp.registry.max-resident-bytes=256MB, and the history of a running
# 1,000,000-epoch job in both modes. Prints one JSON line per figure.
#   bench/memory.sh                 # everything (about 10 minutes)
#   bench/memory.sh models 200      # fewer models
#   bench/memory.sh history 200000  # a shorter job
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
java=""
for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*25*/bin/java; do
  if [ -x "$candidate" ] && "$candidate" -version 2>&1 | grep -q 'version "2[5-9]'; then java="$candidate"; break; fi
done
[ -n "$java" ] || { echo "memory.sh: needs a JDK 25 (\$JAVA_HOME or /usr/lib/jvm/*25*)" >&2; exit 1; }
./mvnw -B -q -DskipTests package
if [ $# -eq 0 ]; then
  "$java" -cp target/test-classes io.mlpservice.bench.RegistryMemoryBench models 1000
  "$java" -cp target/test-classes io.mlpservice.bench.RegistryMemoryBench history 1000000
else
  "$java" -cp target/test-classes io.mlpservice.bench.RegistryMemoryBench "$@"
fi
