"""What every peer script shares, written from WORKLOADS.md: the workload table
and its checksums, SplitMix64 in numpy, the data set, the Glorot initial
weights, the epoch order, the loss, thread limits and the JSON result line.

Needs numpy only; threadpoolctl, scikit-learn and torch are imported by the
scripts that use them.
"""

import json
import os
import platform
import sys
import time

import numpy as np

clock = time.perf_counter          # monotonic wall clock (WORKLOADS.md section 1)

DATA_SEED, INIT_SEED, ORDER_SEED = 42, 43, 44
TEACHER_HIDDEN = 64
ADAM = dict(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8)

# Sizes, training settings and the checks of WORKLOADS.md sections 3-7.
WORKLOADS = {
    "W1": dict(n=10_000, d=20, classes=4, hidden=(64,), activation="sigmoid",
               epochs=1000, batch=10_000, lr=0.01,
               counts=(2759, 2733, 2275, 2233), first_labels=(1, 1, 0, 3, 1, 0, 1, 1, 2, 3),
               x00="0.52615356", x01="-0.2636593", x_last="0.61475915", x_sum=-212.6449702332,
               w1_row0=("0.12196668", "0.060278926", "-0.03596752"),
               w2_row0=("0.22042446", "-0.1615089", "-0.16200364"), w_last="-0.16237053",
               order=None, loss=1.1996, tolerance=0.005),
    "W2": dict(n=60_000, d=784, classes=10, hidden=(256, 128), activation="relu",
               epochs=2, batch=128, lr=1e-3,
               counts=(5839, 6862, 5392, 7084, 4714, 5380, 6268, 6380, 6535, 5546),
               first_labels=(8, 8, 7, 1, 8, 1, 1, 6, 6, 7),
               x00="-0.58032155", x01="-0.009133645", x_last="0.64779896", x_sum=-2448.443359907,
               w1_row0=("0.034662843", "0.017131226", "-0.010221944"),
               w2_row0=("0.0908714", "-0.10824056", "0.0842498"), w_last="0.07726268",
               order=((32694, 12237, 1483, 35764, 34704), (40117, 29936, 8173, 8961, 8642)),
               loss=0.7178, tolerance=0.02),
    "W3": dict(n=20_000, d=1024, classes=10, hidden=(1024, 1024), activation="relu",
               epochs=2, batch=256, lr=1e-3,
               counts=(2275, 1780, 1963, 2154, 1722, 2163, 1622, 1900, 2030, 2391),
               first_labels=(7, 3, 5, 8, 1, 4, 5, 1, 3, 2),
               x00="-0.6128559", x01="-0.17861435", x_last="0.9920871", x_sum=-1856.828416525,
               w1_row0=("0.024701077", "0.012207878", "-0.007284256"),
               w2_row0=("-0.054074954", "0.032078706", "-0.007346397"), w_last="0.010301698",
               order=((12237, 1483, 1481, 17973, 704), (12694, 15764, 14704, 15750, 6787)),
               loss=0.3171, tolerance=0.02),
}


def layer_sizes(wl):
    w = WORKLOADS[wl]
    return [w["d"], *w["hidden"], w["classes"]]


def n_params(wl):
    s = layer_sizes(wl)
    return sum(a * b + b for a, b in zip(s[:-1], s[1:]))


def loss_ok(wl, loss):
    w = WORKLOADS[wl]
    return abs(loss - w["loss"]) <= w["tolerance"]


# ------------------------------------------------------------------ SplitMix64
GOLDEN = 0x9E3779B97F4A7C15
U64 = (1 << 64) - 1


class SplitMix64:
    """SplitMix64 (WORKLOADS.md section 2), n outputs at a time in numpy uint64
    arithmetic, which wraps modulo 2^64 as the spec requires. The state after k
    calls is seed + k * GOLDEN, so a block of outputs needs no loop."""

    BLOCK = 1 << 21

    def __init__(self, seed):
        self.state = seed & U64

    def next(self, count):
        out = np.empty(count, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for start in range(0, count, self.BLOCK):
                m = min(self.BLOCK, count - start)
                steps = np.arange(1, m + 1, dtype=np.uint64)
                z = steps * np.uint64(GOLDEN) + np.uint64(self.state)
                z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
                z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
                out[start:start + m] = z ^ (z >> np.uint64(31))
                self.state = (self.state + m * GOLDEN) & U64
        return out

    def uniform(self, count):
        """u() of the spec: (next() >>> 11) * 2^-53, a float64 in [0, 1)."""
        return np.ldexp((self.next(count) >> np.uint64(11)).astype(np.float64), -53)


def self_check_splitmix():
    r = SplitMix64(42)
    first = int(r.next(1)[0])
    u = SplitMix64(42).uniform(1)[0]
    if first != 13679457532755275413 or u != 0.7415648787718233:
        fail(f"SplitMix64(42) gives {first} and u() {u!r}; WORKLOADS.md section 2 says "
             "13679457532755275413 and 0.7415648787718233")


# ------------------------------------------------------------------ data set
def make_data(wl):
    """X (n, d) float32 and labels (n,) int64 of WORKLOADS.md section 3."""
    w = WORKLOADS[wl]
    n, d, c, h = w["n"], w["d"], w["classes"], TEACHER_HIDDEN
    rng = SplitMix64(DATA_SEED)
    A = ((2.0 * rng.uniform(d * h) - 1.0) / np.sqrt(d)).reshape(d, h)
    B = ((2.0 * rng.uniform(h * c) - 1.0) / np.sqrt(h)).reshape(h, c)
    col = np.zeros(c)
    for j in range(h):                  # column sums added j = 0 .. H-1, in that order
        col = col + B[j]
    B = B - col / h
    X = np.empty((n, d), dtype=np.float32)
    rows_per_block = max(1, (1 << 22) // d)
    for r0 in range(0, n, rows_per_block):
        r1 = min(n, r0 + rows_per_block)
        X[r0:r1] = (2.0 * rng.uniform((r1 - r0) * d) - 1.0).reshape(r1 - r0, d)
    labels = np.empty(n, dtype=np.int64)
    for r0 in range(0, n, 8192):       # logits in float64, X widened exactly
        logits = np.maximum(X[r0:r0 + 8192].astype(np.float64) @ A, 0.0) @ B
        labels[r0:r0 + 8192] = np.argmax(logits, axis=1)   # argmax: first index on ties
    return X, labels


def check_data(wl, X, labels):
    w = WORKLOADS[wl]
    bad = []
    for what, got, want in (("X[0][0]", X[0, 0], w["x00"]), ("X[0][1]", X[0, 1], w["x01"]),
                            ("X[n-1][d-1]", X[-1, -1], w["x_last"])):
        if np.float32(got) != np.float32(want):
            bad.append(f"{what} is {got!r}, WORKLOADS.md says {want}")
    total = float(np.sum(X, dtype=np.float64))
    if not abs(total - w["x_sum"]) <= 1e-6:
        bad.append(f"sum of X is {total!r}, WORKLOADS.md says {w['x_sum']}")
    counts = tuple(int(k) for k in np.bincount(labels, minlength=w["classes"]))
    if counts != w["counts"]:
        bad.append(f"label counts are {counts}, WORKLOADS.md says {w['counts']}")
    first = tuple(int(k) for k in labels[:10])
    if first != w["first_labels"]:
        bad.append(f"labels of rows 0-9 are {first}, WORKLOADS.md says {w['first_labels']}")
    if bad:
        fail(f"{wl} data does not match WORKLOADS.md:\n  - " + "\n  - ".join(bad))


# ------------------------------------------------------------------ initial weights
def initial_weights(wl, dtype=np.float32):
    """[(W_l, b_l)] with W_l (fan_in, fan_out): Glorot uniform from stream I,
    layer by layer, row by row, rounded to float32 (then widened if asked)."""
    rng = SplitMix64(INIT_SEED)
    sizes = layer_sizes(wl)
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        W = ((2.0 * rng.uniform(fan_in * fan_out) - 1.0) * limit).astype(np.float32)
        layers.append((W.reshape(fan_in, fan_out).astype(dtype), np.zeros(fan_out, dtype=dtype)))
    return layers


def check_weights(wl, layers):
    w = WORKLOADS[wl]
    pairs = [(f"W_1[0][{j}]", layers[0][0][0, j], w["w1_row0"][j]) for j in range(3)]
    pairs += [(f"W_2[0][{j}]", layers[1][0][0, j], w["w2_row0"][j]) for j in range(3)]
    pairs.append(("W_L[last][last]", layers[-1][0][-1, -1], w["w_last"]))
    bad = [f"{what} is {got!r}, WORKLOADS.md says {want}"
           for what, got, want in pairs if np.float32(got) != np.float32(want)]
    if bad:
        fail(f"{wl} initial weights do not match WORKLOADS.md:\n  - " + "\n  - ".join(bad))


# ------------------------------------------------------------------ epoch order
class EpochOrder:
    """Section 6: per epoch n keys next() >>> 11 from stream S (running on
    across epochs); rows visited by (key ascending, index ascending)."""

    def __init__(self, n):
        self.n = n
        self.rng = SplitMix64(ORDER_SEED)

    def next(self):
        keys = self.rng.next(self.n) >> np.uint64(11)
        return np.argsort(keys, kind="stable")    # stable: equal keys keep index order


def check_order(wl):
    """Checks the first five rows of epochs 1 and 2 on a separate stream (untimed)."""
    want = WORKLOADS[wl]["order"]
    order = EpochOrder(WORKLOADS[wl]["n"])
    got = tuple(tuple(int(i) for i in order.next()[:5]) for _ in range(2))
    if got != want:
        fail(f"{wl} epoch order starts {got}, WORKLOADS.md says {want}")


def prepared(wl):
    """Data and initial weights of a workload, checked against WORKLOADS.md."""
    self_check_splitmix()
    X, labels = make_data(wl)
    check_data(wl, X, labels)
    layers = initial_weights(wl)
    check_weights(wl, layers)
    if WORKLOADS[wl]["order"] is not None:
        check_order(wl)
    return X, labels, layers


# ------------------------------------------------------------------ loss, numpy models
def mean_cross_entropy(P, labels):
    """Mean of -log p[label] over the rows, in float64, p floored at 1e-300."""
    p = np.asarray(P)[np.arange(len(labels)), labels].astype(np.float64)
    return float(np.mean(-np.log(np.maximum(p, 1e-300))))


def softmax_rows(Z):
    """Row-wise softmax in place (each row minus its max); returns Z."""
    Z -= Z.max(axis=1, keepdims=True)
    np.exp(Z, out=Z)
    Z /= Z.sum(axis=1, keepdims=True)
    return Z


def forward_probabilities(layers, X, activation="relu", rows=4096):
    """Softmax probabilities of a numpy model [(W, b)], a block of rows at a time."""
    out = []
    for r0 in range(0, len(X), rows):
        a = X[r0:r0 + rows]
        for i, (W, b) in enumerate(layers):
            a = a @ W + b
            if i < len(layers) - 1:
                a = 1.0 / (1.0 + np.exp(-a)) if activation == "sigmoid" else np.maximum(a, 0)
        out.append(softmax_rows(a))
    return np.concatenate(out)


# ------------------------------------------------------------------ threads, output
def limit_threads(n):
    """Holds every BLAS/OpenMP pool at n threads (and torch's, when loaded)."""
    try:
        from threadpoolctl import threadpool_limits
        limit_threads.keep = threadpool_limits(limits=n)
    except ImportError:
        print("peers: threadpoolctl is missing; thread pools keep their defaults", file=sys.stderr)
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(n)


def kernel_name():
    """The BLAS doing the products, as threadpoolctl sees it, e.g.
    'openblas 0.3.21 pthreads SkylakeX'; torch runs add 'torch+' in front."""
    name = "blas?"
    try:
        from threadpoolctl import threadpool_info
        for p in threadpool_info():
            if p.get("user_api") == "blas":
                name = " ".join(str(p.get(k)) for k in ("internal_api", "version",
                                                         "threading_layer", "architecture"))
                break
    except ImportError:
        pass
    return ("torch+" + name) if "torch" in sys.modules else name


def environment():
    env = {"python": platform.python_version(), "executable": sys.executable,
           "numpy": np.__version__, "cpus": os.cpu_count(),
           "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
           "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE"),
           "LD_LIBRARY_PATH": os.environ.get("LD_LIBRARY_PATH")}
    try:
        with open("/proc/cpuinfo") as f:
            env["cpu"] = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        env["cpu"] = platform.machine()
    try:
        from threadpoolctl import threadpool_info
        env["pools"] = [{k: p.get(k) for k in ("internal_api", "version", "architecture",
                                               "threading_layer", "num_threads", "filepath")}
                        for p in threadpool_info()]
    except ImportError:
        pass
    for name in ("sklearn", "torch"):
        if name in sys.modules:
            env[name] = sys.modules[name].__version__
    if "torch" in sys.modules:
        env["torch_threads"] = sys.modules["torch"].get_num_threads()
    return env


def emit(fields):
    """Prints the one JSON result line of a run."""
    fields["env"] = environment()
    print(json.dumps(fields), flush=True)


def fail(message, status=3):
    """A run that is not the workload of WORKLOADS.md stops before any timing."""
    print(f"peers: {message}\npeers: nothing was timed.", file=sys.stderr)
    sys.exit(status)
