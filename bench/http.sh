#!/usr/bin/env bash
# HTTP load on the packaged service, as deployed (API keys on, request log on, a storage directory
# in a temporary folder), with wrk.
# Trains a 784-256-128-10 model and an iris-size model (4-16-8-3), then measures:
#   1. the ratio that matters: 1-row predictions a second over GET /api/v1/models/{id} a second,
#      same server, 16 connections, rounds interleaved (median of the rounds);
#   2. the latency of a 1-row prediction of each model on one connection, beside what the same
#      requests cost through Tomcat alone (bench/http/TomcatFloor.java: one servlet that reads the
#      body and answers a fixed JSON, on the Tomcat jar the service packs) and beside a
#      784-input model with one hidden unit (the same body, almost no weights to read);
#   3. sustained mixed load (--duration, 60 s by default), all at once: 1-row and 100-row
#      predictions, polling of a job and a loss history, job submissions beyond the queue's
#      capacity (4): requests/s, p50, p99, p99.9 and statuses of each kind, and the heap after a
#      full GC and the live threads before, halfway and after.
# It installs nothing: it names what is missing (Debian: apt-get install -y wrk curl).
#   bench/http.sh                       # everything (about 5 minutes)
#   bench/http.sh --duration 20 --round 5 --rounds 2 --no-build
#   bench/http.sh --jfr /tmp/http.jfr   # and a JFR recording of the service (profile settings)
#   bench/http.sh --jar other.jar       # another build of the service (before and after a change)
#   bench/http.sh --no-request-log      # with the request log line muted (as logging.level... =warn)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

duration=60 round=10 rounds=3 port=18090 build=1 jfr="" jar=target/mlp-service.jar log=info
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --round) round="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --jfr) jfr="$2"; shift 2 ;;
    --jar) jar="$2"; build=0; shift 2 ;;
    --no-request-log) log=warn; shift ;;
    *) sed -n '2,17p' "$0" >&2; exit 2 ;;
  esac
done

java=""
for candidate in "${JAVA_HOME:-}/bin/java" /usr/lib/jvm/*25*/bin/java; do
  if [ -x "$candidate" ] && "$candidate" -version 2>&1 | grep -q 'version "2[5-9]'; then java="$candidate"; break; fi
done
missing=()
[ -n "$java" ] || missing+=("a JDK 25 (\$JAVA_HOME or /usr/lib/jvm/*25*)")
for tool in wrk curl awk sha256sum; do command -v "$tool" > /dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "http.sh: missing: ${missing[*]} (Debian: apt-get install -y wrk curl)" >&2
  exit 1
fi
jcmd="$(dirname "$java")/jcmd"

[ "$build" -eq 0 ] || ./mvnw -B -q -DskipTests package
work="$(mktemp -d)"
service=""
cleanup() {
  [ -z "$service" ] || kill "$service" 2> /dev/null || true
  [ -z "$service" ] || wait "$service" 2> /dev/null || true
  [ -z "${floor:-}" ] || kill "$floor" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export BENCH_KEY="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
jfr_options=()
[ -z "$jfr" ] || jfr_options=("-XX:StartFlightRecording=filename=$jfr,settings=profile,dumponexit=true")
"$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED "${jfr_options[@]}" \
  -jar "$jar" --server.port="$port" --mlp.storage.dir="$work/data" --mlp.training.queue-capacity=4 \
  --logging.level.io.mlpservice.web.RequestLogFilter="$log" \
  --mlp.security.api-keys[0].name=bench --mlp.security.api-keys[0].role=admin \
  --mlp.security.api-keys[0].sha256="$(printf %s "$BENCH_KEY" | sha256sum | cut -d' ' -f1)" \
  > "$work/service.log" 2>&1 &
service=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 240); do
  curl -fs "$base/actuator/health/readiness" > /dev/null 2>&1 && break
  kill -0 "$service" 2> /dev/null || { tail -20 "$work/service.log" >&2; exit 1; }
  sleep 0.5
done

api() { curl -sS -H "Authorization: Bearer $BENCH_KEY" -H 'Content-Type: application/json' "$@"; }
id_of() { sed -n 's/^{"id":"\([^"]*\)".*/\1/p'; }
await_job() {
  until api "$base/api/v1/training-jobs/$1" | grep -q '"finishedAt":"'; do sleep 0.2; done
}

# the models, their data and the request bodies
iris=$(api -X POST "$base/api/v1/models" -d '{"name": "bench-iris", "inputSize": 4, "hiddenLayers": [16, 8],
  "classes": ["setosa", "versicolor", "virginica"], "seed": 42}' | id_of)
wide=$(api -X POST "$base/api/v1/models" -d '{"name": "bench-784", "inputSize": 784, "hiddenLayers": [256, 128],
  "outputSize": 10, "seed": 7}' | id_of)
thin=$(api -X POST "$base/api/v1/models" -d '{"name": "bench-784-thin", "inputSize": 784, "hiddenLayers": [1],
  "outputSize": 10, "seed": 7}' | id_of)
rows() { # rows count width seed: "[[...], ...]" of numbers in [0, 1)
  awk -v n="$1" -v w="$2" -v seed="$3" 'BEGIN { srand(seed); printf "["; for (r = 0; r < n; r++) {
    printf "%s[", (r ? "," : ""); for (c = 0; c < w; c++) printf "%s%.3f", (c ? "," : ""), rand(); printf "]" } printf "]" }'
}
labels() { awk -v n="$1" -v seed="$2" 'BEGIN { srand(seed); printf "["; for (r = 0; r < n; r++) printf "%s%d", (r ? "," : ""), int(rand() * 10); printf "]" }'; }
printf '{"features": %s, "labels": %s, "epochs": 3, "batchSize": 64}' "$(rows 256 784 1)" "$(labels 256 2)" > "$work/train-784.json"
job_iris=$(api -X POST "$base/api/v1/models/$iris/training-jobs" -d @examples/iris-training-job.json | id_of)
job_wide=$(api -X POST "$base/api/v1/models/$wide/training-jobs" -d @"$work/train-784.json" | id_of)
await_job "$job_iris"
await_job "$job_wide"
await_job "$(api -X POST "$base/api/v1/models/$thin/training-jobs" -d @"$work/train-784.json" | id_of)"
echo '{"inputs": [[5.1, 3.5, 1.4, 0.2]]}' > "$work/predict-iris-1.json"
printf '{"inputs": %s}' "$(rows 1 784 3)" > "$work/predict-784-1.json"
printf '{"inputs": %s}' "$(rows 100 784 4)" > "$work/predict-784-100.json"
sed 's/"epochs": 200/"epochs": 300/; /"earlyStopping"/d' \
  examples/iris-training-job.json > "$work/submit.json"
: > "$work/submit.paths"
for i in $(seq 1 30); do
  model=$(api -X POST "$base/api/v1/models" -d "{\"name\": \"bench-submit-$i\", \"inputSize\": 4, \"hiddenLayers\": [16, 8],
    \"classes\": [\"setosa\", \"versicolor\", \"virginica\"], \"seed\": $i}" | id_of)
  echo "/api/v1/models/$model/training-jobs" >> "$work/submit.paths"
done
echo "/api/v1/models/$iris" > "$work/get-model.paths"
echo "/api/v1/models/$iris/predictions" > "$work/predict-iris.paths"
echo "/api/v1/models/$wide/predictions" > "$work/predict-784.paths"
echo "/api/v1/models/$thin/predictions" > "$work/predict-784-thin.paths"
echo "/api/v1/training-jobs/$job_wide" > "$work/poll-job.paths"
echo "/api/v1/models/$iris/loss-history" > "$work/poll-history.paths"

# the service's CPU time so far (user + system), in clock ticks; 0 where /proc is not there
ticks() { awk '{ print $14 + $15 }' "/proc/$service/stat" 2> /dev/null || echo 0; }
# wrk <threads> <connections> <seconds> <name> <METHOD> <paths> [body]: prints the kind's line, with
# the service's CPU time per request (a steadier figure than requests/s on a shared machine) when
# this kind runs alone (cpu=1); under the mixed load the service's CPU is not one kind's
cpu=1
load() {
  local threads=$1 connections=$2 seconds=$3 before line; shift 3
  before=$(ticks)
  line=$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s -s bench/http/kind.lua "$base" -- "$@" \
    | grep '^kind=')
  [ "$cpu" -eq 1 ] || { echo "$line"; return; }
  awk -v line="$line" -v a="$before" -v b="$(ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN {
    n = line; sub(/.* requests=/, "", n); sub(/ .*/, "", n)
    printf "%s cpu_us=%.0f\n", line, (n > 0 && b > a ? (b - a) / hz * 1e6 / n : 0) }'
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
memory() { # heap used after a full GC (MB) and live threads
  "$jcmd" "$service" GC.run > /dev/null
  local heap threads
  heap=$(api "$base/actuator/metrics/jvm.memory.used?tag=area:heap" | sed -n 's/.*"value":\([0-9.E]*\).*/\1/p')
  threads=$(api "$base/actuator/metrics/jvm.threads.live" | sed -n 's/.*"value":\([0-9.E]*\).*/\1/p')
  awk -v h="$heap" -v t="$threads" -v when="$1" 'BEGIN { printf "%s: heap after GC %.1f MB, live threads %d\n", when, h / 1048576, t }'
}

echo "== warm-up"
load 2 16 "$round" get-model GET "$work/get-model.paths" > /dev/null
load 2 16 "$round" predict-iris-1 POST "$work/predict-iris.paths" "$work/predict-iris-1.json" > /dev/null
load 2 16 "$round" predict-784-1 POST "$work/predict-784.paths" "$work/predict-784-1.json" > /dev/null

echo "== 1-row predictions against GET /api/v1/models/{id}: 16 connections, $rounds rounds of ${round} s each, interleaved"
: > "$work/ratio.txt"
for r in $(seq 1 "$rounds"); do
  load 2 16 "$round" get-model GET "$work/get-model.paths" | tee -a "$work/ratio.txt"
  load 2 16 "$round" predict-iris-1 POST "$work/predict-iris.paths" "$work/predict-iris-1.json" | tee -a "$work/ratio.txt"
  load 2 16 "$round" predict-784-1 POST "$work/predict-784.paths" "$work/predict-784-1.json" | tee -a "$work/ratio.txt"
done
get=$(grep 'kind=get-model ' "$work/ratio.txt" | field rps | median)
pi=$(grep 'kind=predict-iris-1 ' "$work/ratio.txt" | field rps | median)
pw=$(grep 'kind=predict-784-1 ' "$work/ratio.txt" | field rps | median)
cg=$(grep 'kind=get-model ' "$work/ratio.txt" | field cpu_us | median)
ci=$(grep 'kind=predict-iris-1 ' "$work/ratio.txt" | field cpu_us | median)
cw=$(grep 'kind=predict-784-1 ' "$work/ratio.txt" | field cpu_us | median)
awk -v g="$get" -v i="$pi" -v w="$pw" -v cg="$cg" -v ci="$ci" -v cw="$cw" 'BEGIN {
  printf "medians: GET model %.0f/s, 1-row iris %.0f/s, 1-row 784 %.0f/s\n", g, i, w
  printf "ratio 1-row predictions / GET model: iris-size %.2f, 784-input %.2f\n", i / g, w / g
  if (ci > 0 && cw > 0) {
    printf "service CPU a request: GET model %d µs, 1-row iris %d µs, 1-row 784 %d µs", cg, ci, cw
    printf " (as a ratio: iris-size %.2f, 784-input %.2f)\n", cg / ci, cg / cw } }'

# each round's own ratio too: a round's kinds ran seconds apart, under the same neighbours' load
paste -d' ' <(grep 'kind=get-model ' "$work/ratio.txt" | field rps) \
  <(grep 'kind=predict-iris-1 ' "$work/ratio.txt" | field rps) <(grep 'kind=predict-784-1 ' "$work/ratio.txt" | field rps) |
  awk '{ i = i sprintf(" %.2f", $2 / $1); w = w sprintf(" %.2f", $3 / $1) }
    END { printf "ratio of each round: iris-size%s; 784-input%s\n", i, w }'

# Tomcat alone, from the jar's own Tomcat: what any request costs on this machine before the service
mkdir "$work/floor"
jar_file=$(realpath "$jar")
(cd "$work/floor" && "$(dirname "$java")/jar" xf "$jar_file" $("$(dirname "$java")/jar" tf "$jar_file" |
  grep -E '^BOOT-INF/lib/(tomcat-embed-core|jakarta.annotation-api)-.*\.jar$'))
floor_base="http://127.0.0.1:$((port + 1))"
"$java" -cp "$(ls "$work"/floor/BOOT-INF/lib/*.jar | paste -sd:)" bench/http/TomcatFloor.java $((port + 1)) \
  "$work/floor/tomcat" > "$work/floor.log" 2>&1 &
floor=$!
until curl -s -o /dev/null "$floor_base/"; do
  kill -0 "$floor" 2> /dev/null || { tail -20 "$work/floor.log" >&2; exit 1; }
  sleep 0.2
done
echo / > "$work/floor.paths"
# the service's own time in the prediction call (the mlp_predictions_seconds timer): count and sum
predicted() {
  api "$base/actuator/prometheus" | awk '/^mlp_predictions_seconds_count/ { n += $2 } /^mlp_predictions_seconds_sum/ { s += $2 }
    END { print n, s }'
}

echo "== one connection, ${round} s each"
floor_run() {
  wrk -t1 -c1 -d"${round}s" --timeout 10s -s bench/http/kind.lua "$floor_base" -- tomcat-alone-784-body POST \
    "$work/floor.paths" "$work/predict-784-1.json" | grep '^kind='
}
floor_run > /dev/null  # its warm-up, twice
floor_run > /dev/null
floor_run | tee "$work/latency.txt"
cpu=1
before=$(predicted)
load 1 1 "$round" predict-784-1 POST "$work/predict-784.paths" "$work/predict-784-1.json" | tee -a "$work/latency.txt"
after=$(predicted)
load 1 1 "$round" predict-784-thin-1 POST "$work/predict-784-thin.paths" "$work/predict-784-1.json" | tee -a "$work/latency.txt"
load 1 1 "$round" predict-iris-1 POST "$work/predict-iris.paths" "$work/predict-iris-1.json" | tee -a "$work/latency.txt"
load 1 1 "$round" get-model GET "$work/get-model.paths" | tee -a "$work/latency.txt"
cpu=0
grep 'kind=predict-784-1 ' "$work/latency.txt" | field p50_us | awk '{ printf "median latency, 1-row prediction of the 784-input model on one connection: %d µs\n", $1 }'
awk -v a="$before" -v b="$after" \
  -v w="$(grep 'kind=predict-784-1 ' "$work/latency.txt" | field p50_us)" \
  -v t="$(grep 'kind=predict-784-thin-1 ' "$work/latency.txt" | field p50_us)" \
  -v i="$(grep 'kind=predict-iris-1 ' "$work/latency.txt" | field p50_us)" \
  -v f="$(grep 'kind=tomcat-alone-784-body ' "$work/latency.txt" | field p50_us)" 'BEGIN {
  split(a, x, " "); split(b, y, " ")
  printf "medians on one connection: Tomcat alone with the same body %d µs; the service: iris-size %d µs, 784-1-10 %d µs,", f, i, t
  printf " 784-256-128-10 %d µs, of which the prediction call itself took %.1f µs on average\n", w, (y[2] - x[2]) / (y[1] - x[1]) * 1e6 }'

echo "== mixed load for ${duration} s, all at once"
memory "before (warm)"
cpu=0
# halfway as well: growth from there to the end is what a leak would show (the first half adds
# jobs, versions and loss histories, state that stays by design)
(sleep $((duration / 2)); memory "halfway") > "$work/halfway" &
pids=($!)
load 1 4 "$duration" predict-iris-1 POST "$work/predict-iris.paths" "$work/predict-iris-1.json" > "$work/mixed-1" & pids+=($!)
load 1 4 "$duration" predict-784-1 POST "$work/predict-784.paths" "$work/predict-784-1.json" > "$work/mixed-2" & pids+=($!)
load 1 2 "$duration" predict-784-100 POST "$work/predict-784.paths" "$work/predict-784-100.json" > "$work/mixed-3" & pids+=($!)
load 1 2 "$duration" poll-job GET "$work/poll-job.paths" > "$work/mixed-4" & pids+=($!)
load 1 2 "$duration" poll-history GET "$work/poll-history.paths" > "$work/mixed-5" & pids+=($!)
load 1 2 "$duration" submit-job POST "$work/submit.paths" "$work/submit.json" > "$work/mixed-6" & pids+=($!)
wait "${pids[@]}"
cat "$work"/mixed-*
cat "$work/halfway"
memory "after"
echo "statuses: 2xx answered; submit-job: 202 queued, 429 queue full (intended), 409 model busy (intended);"
echo "          anything else, and any errors=... above 0, is a fault"
grep -h '^kind=' "$work"/mixed-* | awk '{
  n = split($0, f, " "); kind = f[1]; sub("kind=", "", kind)
  for (i = 1; i <= n; i++) if (f[i] ~ /^statuses=/) s = substr(f[i], 10); else if (f[i] ~ /^errors=/) e = substr(f[i], 8)
  m = split(s, st, ","); bad = ""
  for (j = 1; j <= m; j++) { split(st[j], p, ":"); code = p[1]
    if (code !~ /^2/ && !(kind == "submit-job" && (code == 429 || code == 409))) bad = bad " " st[j] }
  if (e != "connect:0,read:0,write:0,timeout:0") bad = bad " " e
  printf "%-16s %s\n", kind, (bad == "" ? "no unintended errors" : "UNINTENDED:" bad) }'
if [ -n "$jfr" ]; then
  "$jcmd" "$service" JFR.dump filename="$jfr" > /dev/null
  echo "JFR recording: $jfr (for instance: $(dirname "$java")/jfr view hot-methods $jfr)"
fi
