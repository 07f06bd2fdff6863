"""Inference on the W2 model (WORKLOADS.md section 8) on a peer: class
probabilities of rows already in the peer's own format. Batch-1 latency (1,000
warm-up calls, 10,000 timed) and batch-1024 throughput (20 warm-up, 300 timed),
every call timed on its own; correctness of rows 0-63 checked first. Prints
one JSON line.

    python3 infer.py --impl numpy|sklearn|torch
"""

import argparse
import math
import warnings

import numpy as np

import common

WL = "W2"


def numpy_predictor(X, layers):
    last = len(layers) - 1

    def predict(lo, hi):
        a = X[lo:hi]
        for i, (W, b) in enumerate(layers):
            a = a @ W
            a += b
            if i < last:
                np.maximum(a, 0, out=a)
        return common.softmax_rows(a)
    return predict


def sklearn_predictor(X, labels, layers):
    """An MLPClassifier fitted for one epoch on a few rows to build it, then
    given the spec's weights; predict_proba is what a user calls."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    clf = MLPClassifier(hidden_layer_sizes=common.WORKLOADS[WL]["hidden"], activation="relu",
                        solver="adam", max_iter=1, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        clf.fit(X[:2000], labels[:2000])
    if list(clf.classes_) != list(range(common.WORKLOADS[WL]["classes"])):
        common.fail(f"the set-up fit saw classes {list(clf.classes_)}, not all {WL} classes", 4)
    clf.coefs_ = [W.copy() for W, _ in layers]
    clf.intercepts_ = [b.copy() for _, b in layers]
    return lambda lo, hi: clf.predict_proba(X[lo:hi])


def torch_predictor(X, layers):
    import torch
    common.limit_threads(2)
    modules = []
    for i, (W, b) in enumerate(layers):
        linear = torch.nn.Linear(*W.shape)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W.T.copy()))
            linear.bias.copy_(torch.from_numpy(b))
        modules.append(linear)
        if i < len(layers) - 1:
            modules.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*modules).eval()
    x_all = torch.from_numpy(X)

    def predict(lo, hi):
        with torch.inference_mode():
            return torch.softmax(model(x_all[lo:hi]), dim=1)
    return predict


def worst_error(predict, X, layers):
    """Largest |p - float64 reference| over rows 0-63, and |row sum - 1|."""
    got = np.asarray(predict(0, 64), dtype=np.float64)
    wide = [(W.astype(np.float64), b.astype(np.float64)) for W, b in layers]
    want = common.forward_probabilities(wide, X[:64].astype(np.float64))
    if not np.all(np.isfinite(got)):
        return math.inf
    return float(max(np.max(np.abs(got - want)), np.max(np.abs(got.sum(axis=1) - 1))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--impl", required=True, choices=["numpy", "sklearn", "torch"])
    args = ap.parse_args()
    X, labels, layers = common.prepared(WL)
    n = len(X)
    if args.impl == "numpy":
        common.limit_threads(2)
        predict = numpy_predictor(X, layers)
    elif args.impl == "sklearn":
        common.limit_threads(2)
        predict = sklearn_predictor(X, labels, layers)
    else:
        predict = torch_predictor(X, layers)
    worst = worst_error(predict, X, layers)

    clock = common.clock
    for k in range(1000):
        predict(k % n, k % n + 1)
    single = np.empty(10_000)
    for k in range(10_000):
        r = k % n
        t0 = clock()
        predict(r, r + 1)
        single[k] = clock() - t0
    blocks = n // 1024
    for r in range(20):
        predict(1024 * (r % blocks), 1024 * (r % blocks) + 1024)
    batched = np.empty(300)
    for r in range(300):
        lo = 1024 * (r % blocks)
        t0 = clock()
        predict(lo, lo + 1024)
        batched[r] = clock() - t0

    median = float(np.median(single))
    p99 = float(np.sort(single)[math.ceil(0.99 * len(single)) - 1])     # the 9,900th smallest
    per_batch = float(np.median(batched))
    sps = 1024 / per_batch
    common.emit({"script": "infer", "workload": WL, "impl": args.impl, "compute_dtype": "float32",
                 "threads": 2, "kernel": common.kernel_name(),
                 "batch1_median_us": round(median * 1e6, 2), "batch1_p99_us": round(p99 * 1e6, 2),
                 "batch1_calls_per_s": round(1 / median, 1),
                 "batch1024_median_ms": round(per_batch * 1e3, 3),
                 "batch1024_samples_per_s": round(sps, 1),
                 "batch1024_gflops": round(sps * 2 * common.n_params(WL) / 1e9, 2),
                 "params": common.n_params(WL),
                 "probabilities_ok": worst <= 1e-4,
                 "probabilities_max_error": worst if math.isfinite(worst) else None})
    if not worst <= 1e-4:
        raise SystemExit(4)


if __name__ == "__main__":
    main()
