#!/usr/bin/env bash
# Measures our MLP engine beside numpy, scikit-learn and PyTorch on the
# workloads of WORKLOADS.md, on this machine, in this session, as ratios.
#
#   bench/compare.sh [--runs N] [--timeout SECONDS] [--no-build] [--no-aot] [W1|W2|W3|infer ...]
#
# No case named: all four. Each run is a fresh process (a fresh JVM for ours);
# ours runs without and (unless --no-aot) with the AOT cache the build ships;
# runs are interleaved round-robin, N rounds (default 5). Every JSON line is
# printed as it comes and kept in bench/results/raw-<time>.jsonl; the end is a
# Markdown table (also bench/results/summary-<time>.md). Nothing is installed:
# missing prerequisites are named, and the peers that need them are skipped.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
runs=5
timeout_s=3600
build=1
aot=1
cases=()

usage() { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:-}"; shift 2 ;;
    --runs=*) runs="${1#*=}"; shift ;;
    --timeout) timeout_s="${2:-}"; shift 2 ;;
    --timeout=*) timeout_s="${1#*=}"; shift ;;
    --no-build) build=0; shift ;;
    --no-aot) aot=0; shift ;;
    -h|--help) usage; exit 0 ;;
    [wW]1|[wW]2|[wW]3) cases+=("W${1:1}"); shift ;;
    infer|INFER|Infer) cases+=("infer"); shift ;;
    *) echo "compare.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --runs needs a positive integer, got '$runs'" >&2; exit 2; }
[[ "$timeout_s" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --timeout needs seconds, got '$timeout_s'" >&2; exit 2; }
[ ${#cases[@]} -gt 0 ] || cases=(W1 W2 W3 infer)

say() { echo "compare.sh: $*" >&2; }

# ---------------------------------------------------------------- prerequisites
missing=()

java_major() {   # prints the feature version of a java binary, or nothing
  "$1" -version 2>&1 | sed -n -E '1s/.*version "([0-9]+)[^"]*".*/\1/p'
}
java=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 25 ] 2>/dev/null; then
  java="$JAVA_HOME/bin/java"
else
  for dir in /usr/lib/jvm/*25*; do
    if [ -x "$dir/bin/java" ] && [ "$(java_major "$dir/bin/java")" -ge 25 ] 2>/dev/null; then
      java="$dir/bin/java"; break
    fi
  done
fi
[ -n "$java" ] || missing+=("JDK 25 (neither \$JAVA_HOME nor /usr/lib/jvm/*25* holds one): our runs need it")

# Debian's python3 carries python3-numpy & co.; a pyenv or venv python3 may shadow it on PATH.
py=""
for candidate in /usr/bin/python3 "$(command -v python3 2>/dev/null)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'import numpy' 2>/dev/null; then
    py="$candidate"; break
  fi
done
has() { [ -n "$py" ] && "$py" -c "import $1" 2>/dev/null; }
peers_ok=0; sklearn_ok=0; torch_ok=0
if [ -z "$py" ]; then
  missing+=("python3 with numpy (Debian: python3-numpy): every peer and the GEMM peak are skipped")
elif ! has threadpoolctl; then
  missing+=("threadpoolctl (Debian: python3-threadpoolctl): the peers cannot hold their pools at 2 threads; every peer is skipped")
else
  peers_ok=1
  has sklearn && sklearn_ok=1 || missing+=("scikit-learn (Debian: python3-sklearn): the sklearn peers are skipped")
  has torch && torch_ok=1 || missing+=("PyTorch (Debian: python3-torch): the torch peers are skipped")
fi
# Debian's torch beside the pthreads OpenBLAS oversubscribes the 2 cores; it runs with the OpenMP build.
ompblas=""
for lib in /usr/lib/*/openblas-openmp/libopenblas.so.0 /usr/lib/openblas-openmp/libopenblas.so.0; do
  [ -e "$lib" ] && { ompblas="$(dirname "$lib")"; break; }
done
if [ "$torch_ok" = 1 ] && [ -z "$ompblas" ]; then
  torch_ok=0
  missing+=("the OpenMP OpenBLAS (Debian: libopenblas0-openmp): without it torch oversubscribes the cores; the torch peers are skipped")
fi
summariser="$py"
[ -n "$summariser" ] || summariser="$(command -v python3 || true)"

if [ ${#missing[@]} -gt 0 ]; then
  say "missing prerequisites (nothing is installed by this script):"
  for m in "${missing[@]}"; do echo "  - $m" >&2; done
fi
[ -n "$java" ] || { say "cannot measure our engine without JDK 25; stopping."; exit 1; }

# ---------------------------------------------------------------- build
if [ "$build" = 1 ]; then
  # package: the jar, extracted into target/app with the AOT cache the product ships
  say "building: ./mvnw -B -q -DskipTests package"
  (cd "$root" && ./mvnw -B -q -DskipTests package) || { say "the build failed"; exit 1; }
fi
[ -f "$root/target/test-classes/io/mlpservice/bench/MlpBench.class" ] \
  || { say "target/test-classes has no MlpBench; run without --no-build"; exit 1; }

# ---------------------------------------------------------------- runs
stamp="$(date +%Y%m%d-%H%M%S)"
results="$here/results"
mkdir -p "$results"
raw="$results/raw-$stamp.jsonl"
log="$results/stderr-$stamp.log"
: > "$raw"
say "raw lines: $raw; stderr of every run: $log"

java_cmd=("$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
          -cp "$root/target/classes:$root/target/test-classes")
# With the shipped cache: the product's extracted jar first on the class path (the cache holds
# its classes, and needs the class path it was recorded with as a prefix), the benchmark after it.
cache="$root/target/app/mlp-service.aot"
java_aot_cmd=("$java" "-XX:AOTCache=$cache" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
              -cp "$root/target/app/mlp-service.jar:$root/target/test-classes")
if [ "$aot" = 1 ] && [ ! -f "$cache" ]; then
  say "no $cache (built by ./mvnw package, skipped with -Daot.skip): the -aot runs are skipped"
  aot=0
fi
peer="$here/peers"

# One run: a fresh process, OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed for it alone
# (they slow a current OpenBLAS down), at most $timeout_s seconds.
run_one() {   # case impl round
  local case="$1" impl="$2" round="$3" cmd=() extra_env=()
  case "$impl" in
    java)          cmd=("${java_cmd[@]}" io.mlpservice.bench.MlpBench "$case") ;;
    java-purejava) cmd=("${java_cmd[@]}" -Dmlp.engine.kernel=java io.mlpservice.bench.MlpBench "$case") ;;
    java-aot)      cmd=("${java_aot_cmd[@]}" io.mlpservice.bench.MlpBench "$case") ;;
    java-purejava-aot) cmd=("${java_aot_cmd[@]}" -Dmlp.engine.kernel=java io.mlpservice.bench.MlpBench "$case") ;;
    peak)          cmd=("$py" "$peer/peak.py") ;;
    *)
      case "$case" in
        W1) cmd=("$py" "$peer/w1.py" --impl "$impl") ;;
        W2|W3) cmd=("$py" "$peer/train.py" --workload "$case" --impl "$impl") ;;
        infer) cmd=("$py" "$peer/infer.py" --impl "$impl") ;;
      esac
      [ "$impl" = torch ] && extra_env=("LD_LIBRARY_PATH=$ompblas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}")
      ;;
  esac
  echo "=== round $round: $case $impl: ${cmd[*]}" >> "$log"
  local start end out status line
  start=$(date +%s.%N)
  out="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "${extra_env[@]}" \
         timeout --kill-after=10 "$timeout_s" "${cmd[@]}" 2>>"$log")"
  status=$?
  end=$(date +%s.%N)
  line="$(printf '%s\n' "$out" | grep '^{' | tail -n 1)"
  # the JVM's own messages (a refused AOT cache, for one) come on standard output: keep them
  printf '%s\n' "$out" | grep -v '^{' >> "$log"
  if [ -n "$line" ]; then
    printf '%s\n' "$line" >> "$raw"
    printf '%s\n' "$line"
  fi
  if [ "$status" -ne 0 ] || [ -z "$line" ]; then
    local why="exit $status"
    [ "$status" -eq 124 ] && why="timed out after ${timeout_s} s"
    [ -z "$line" ] && why="$why, no JSON line"
    if [ -z "$line" ]; then   # keep the failure in the raw file so the table lists it
      printf '{"case": "%s", "impl": "%s", "round": %s, "error": "%s"}\n' "$case" "$impl" "$round" "$why" >> "$raw"
    fi
    say "round $round: $case $impl FAILED ($why); see $log"
  else
    say "round $round: $case $impl done in $(awk "BEGIN{printf \"%.0f\", $end - $start}") s"
  fi
}

impls_for() {   # case -> the implementations to run, ours first
  local list=(java java-purejava)
  [ "$aot" = 1 ] && list+=(java-aot java-purejava-aot)
  if [ "$peers_ok" = 1 ]; then
    case "$1" in
      W1) list+=(numpy64 numpy32) ;;
      *)  list+=(numpy) ;;
    esac
    [ "$sklearn_ok" = 1 ] && list+=(sklearn)
    [ "$torch_ok" = 1 ] && list+=(torch)
  fi
  echo "${list[@]}"
}

[ "$peers_ok" = 1 ] && run_one peak peak 0
for ((round = 1; round <= runs; round++)); do
  for case in "${cases[@]}"; do
    read -r -a impls <<< "$(impls_for "$case")"
    # Rotate the order each round so that no implementation always runs first.
    count=${#impls[@]}
    for ((i = 0; i < count; i++)); do
      run_one "$case" "${impls[$(( (i + round - 1) % count ))]}" "$round"
    done
  done
done
[ "$peers_ok" = 1 ] && run_one peak peak "$runs"

# ---------------------------------------------------------------- table
summary="$results/summary-$stamp.md"
if [ -n "$summariser" ]; then
  echo
  "$summariser" "$here/summarise.py" "$raw" | tee "$summary"
  say "table saved as $summary"
else
  say "no python3 to make the table; the raw lines are in $raw"
fi
