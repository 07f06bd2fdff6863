#!/usr/bin/env python3
"""Start-up of the service, each run a fresh JVM: time to Spring's "Started MlpServiceApplication"
line and to readiness (/actuator/health/readiness answering 200), then the first training job and
the first predictions against warm ones, through the HTTP API. Standard library only.

    python3 bench/startup.py                 # build, then 5 rounds of every variant
    python3 bench/startup.py --runs 3 --no-build --variants jar,aot

Variants (the command lines a user runs; see the README):
  plain      java -jar target/mlp-service.jar, no option: the engine's scalar Java kernels
  jar        java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar target/mlp-service.jar
  extracted  the same on the extracted jar, target/app/mlp-service.jar, without a cache
  aot        the extracted jar with the AOT cache the build ships, target/app/mlp-service.aot:
             the container's command line
  aot-cold   aot with the engine's start-up warm-up off (-Dmlp.engine.warmup=off)

After readiness each run creates a 784-256-128-10 ReLU model (W2's shape), trains it with Adam in
mini-batches of 128 on --rows generated rows for 5 epochs, and compares the first epoch's duration
(the job's loss history) with the median of the others; then it sends 301 one-row predictions and
compares the first one's server-side time (the mlp_predictions_seconds timer) with the mean of the
other 300. Every run prints one JSON line; the end is a table of medians.
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
STARTED = re.compile(r"Started MlpServiceApplication in ([\d.]+) seconds \(process running for ([\d.]+)\)")


def find_java():
    home = os.environ.get("JAVA_HOME")
    candidates = [os.path.join(home, "bin", "java")] if home else []
    candidates += sorted(os.path.join("/usr/lib/jvm", d, "bin", "java")
                         for d in os.listdir("/usr/lib/jvm") if "25" in d) if os.path.isdir("/usr/lib/jvm") else []
    for java in candidates:
        if os.access(java, os.X_OK):
            out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
            m = re.search(r'version "(\d+)', out)
            if m and int(m.group(1)) >= 25:
                return java
    sys.exit("startup.py: no JDK 25 ($JAVA_HOME or /usr/lib/jvm/*25*)")


# Each run's service is configured as deployed: API keys on (one admin key, made up per process) and
# its storage on disk, in a fresh temporary directory.
KEY = "startup-" + secrets.token_hex(16)


def command(java, variant, port, storage):
    app = os.path.join(ROOT, "target", "app")
    base = [java, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"]
    tail = ["--server.port=%d" % port, "--mlp.limits.max-request-size=512MB", "--mlp.storage.dir=" + storage,
            "--mlp.security.api-keys[0].name=startup", "--mlp.security.api-keys[0].role=admin",
            "--mlp.security.api-keys[0].sha256=" + hashlib.sha256(KEY.encode()).hexdigest()]
    if variant == "plain":
        return [java, "-jar", os.path.join(ROOT, "target", "mlp-service.jar")] + tail
    if variant == "jar":
        return base + ["-jar", os.path.join(ROOT, "target", "mlp-service.jar")] + tail
    if variant == "extracted":
        return base + ["-jar", os.path.join(app, "mlp-service.jar")] + tail
    aot = ["-XX:AOTCache=" + os.path.join(app, "mlp-service.aot")]
    if variant == "aot":
        return [java] + aot + base[1:] + ["-jar", os.path.join(app, "mlp-service.jar")] + tail
    if variant == "aot-cold":
        return [java] + aot + base[1:] + ["-Dmlp.engine.warmup=off", "-jar",
                                          os.path.join(app, "mlp-service.jar")] + tail
    sys.exit("startup.py: unknown variant " + variant)


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def call(self, method, path, body=None):
        headers = {"Authorization": "Bearer " + KEY}
        if body is not None:
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        return response.status, data


def training_body(rows, seed):
    rng = random.Random(seed)
    teacher = [[rng.uniform(-1, 1) for _ in range(10)] for _ in range(784)]
    features, labels = [], []
    for _ in range(rows):
        x = [round(rng.uniform(-1, 1), 4) for _ in range(784)]
        logits = [sum(x[f] * teacher[f][k] for f in range(0, 784, 7)) for k in range(10)]
        features.append(x)
        labels.append(max(range(10), key=logits.__getitem__))
    return json.dumps({"features": features, "labels": labels, "epochs": 5, "batchSize": 128,
                       "optimizer": "adam", "learningRate": 0.001, "seed": 7}).encode()


def prediction_seconds(client):
    status, data = client.call("GET", "/actuator/prometheus")
    text = data.decode()
    count = re.search(r"^mlp_predictions_seconds_count(?:\{[^}]*\})? ([\d.eE+-]+)", text, re.M)
    total = re.search(r"^mlp_predictions_seconds_sum(?:\{[^}]*\})? ([\d.eE+-]+)", text, re.M)
    return float(count.group(1)), float(total.group(1))


def one_run(java, variant, port, body, predict_body):
    storage = tempfile.mkdtemp(prefix="mlp-startup-")
    cmd = command(java, variant, port, storage)
    started = {}
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)

    def read():
        for line in proc.stdout:
            m = STARTED.search(line)
            if m and "wall" not in started:
                started["wall"] = time.monotonic() - t0
                started["in"] = float(m.group(1))
                started["uptime"] = float(m.group(2))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = {"variant": variant, "command": " ".join(cmd)}
    try:
        ready = None
        while time.monotonic() - t0 < 120:
            if proc.poll() is not None:
                raise RuntimeError("the service exited with status %d" % proc.returncode)
            try:
                status, _ = Client(port).call("GET", "/actuator/health/readiness")
                if status == 200:
                    ready = time.monotonic() - t0
                    break
            except OSError:
                pass
            time.sleep(0.005)
        if ready is None:
            raise RuntimeError("not ready after 120 s")
        result["ready_s"] = round(ready, 3)
        deadline = time.monotonic() + 5
        while "wall" not in started and time.monotonic() < deadline:
            time.sleep(0.01)
        result["started_line_s"] = round(started.get("wall", float("nan")), 3)
        result["started_in_s"] = started.get("in")
        result["started_uptime_s"] = started.get("uptime")

        client = Client(port)
        status, data = client.call("POST", "/api/v1/models", json.dumps(
            {"name": "w2-shape", "inputSize": 784, "hiddenLayers": [256, 128], "activation": "relu",
             "outputSize": 10, "seed": 42}).encode())
        model = json.loads(data)["id"]
        status, data = client.call("POST", "/api/v1/models/%s/training-jobs" % model, body)
        if status != 202:
            raise RuntimeError("training job refused: %d %s" % (status, data[:300]))
        job = json.loads(data)["id"]
        while True:
            status, data = client.call("GET", "/api/v1/training-jobs/" + job)
            view = json.loads(data)
            if view.get("finishedAt"):
                break
            time.sleep(0.02)
        if view["status"] != "SUCCEEDED":
            raise RuntimeError("training job ended " + view["status"])
        status, data = client.call("GET", "/api/v1/models/%s/loss-history" % model)
        epochs = [p["durationMillis"] for p in json.loads(data)["points"]]
        result["epoch_ms"] = [round(e, 1) for e in epochs]
        result["first_epoch_ratio"] = round(epochs[0] / statistics.median(epochs[1:]), 2)

        client.call("POST", "/api/v1/models/%s/predictions" % model, predict_body)
        count1, sum1 = prediction_seconds(client)
        latencies = []
        for _ in range(300):
            t = time.monotonic()
            client.call("POST", "/api/v1/models/%s/predictions" % model, predict_body)
            latencies.append(time.monotonic() - t)
        count, total = prediction_seconds(client)
        first_us = sum1 / count1 * 1e6
        warm_us = (total - sum1) / (count - count1) * 1e6
        result["first_prediction_us"] = round(first_us, 1)
        result["warm_prediction_us"] = round(warm_us, 1)
        result["first_prediction_ratio"] = round(first_us / warm_us, 2)
        result["client_warm_median_ms"] = round(statistics.median(latencies) * 1e3, 3)
    except (RuntimeError, OSError, KeyError, ValueError) as e:
        result["error"] = str(e)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(storage, ignore_errors=True)
    return result


def summarise(results, variants):
    keys = [("started_line_s", "Started line, s"), ("started_uptime_s", "JVM uptime at Started, s"),
            ("ready_s", "ready, s"), ("first_epoch_ratio", "first epoch ÷ warm"),
            ("first_prediction_ratio", "first prediction ÷ warm"), ("warm_prediction_us", "warm prediction, µs")]
    lines = ["| variant | runs | " + " | ".join(k[1] for k in keys) + " |",
             "|---|---:|" + "---:|" * len(keys)]
    for v in variants:
        runs = [r for r in results if r["variant"] == v and "error" not in r]
        cells = []
        for key, _ in keys:
            values = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
            cells.append("%.2f (%.2f – %.2f)" % (statistics.median(values), min(values), max(values))
                         if values else "n/a")
        lines.append("| %s | %d | %s |" % (v, len(runs), " | ".join(cells)))
    failed = [r for r in results if "error" in r]
    for r in failed:
        lines.append("\nfailed: %s: %s" % (r["variant"], r["error"]))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=8192, help="rows of the training job (default 8192)")
    parser.add_argument("--variants", default="plain,jar,extracted,aot,aot-cold")
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    java = find_java()
    variants = args.variants.split(",")
    if not args.no_build:
        print("startup.py: building: ./mvnw -B -q -DskipTests package", file=sys.stderr)
        subprocess.run(["./mvnw", "-B", "-q", "-DskipTests", "package"], cwd=ROOT, check=True)
    body = training_body(args.rows, 1)
    predict_body = json.dumps({"inputs": [[round(random.Random(2).uniform(-1, 1), 4) for _ in range(784)]]}).encode()
    results = []
    for round_ in range(1, args.runs + 1):
        order = variants[round_ - 1:] + variants[:round_ - 1]     # rotated, so that none always runs first
        for variant in order:
            result = one_run(java, variant, args.port, body, predict_body)
            result["round"] = round_
            print(json.dumps(result), flush=True)
            results.append(result)
    print()
    print(summarise(results, variants))


if __name__ == "__main__":
    main()
