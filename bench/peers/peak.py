"""The machine's practical float32 matrix-product ceiling, for the "% of GEMM
peak" column: numpy's sgemm (OpenBLAS) on square sizes, on 2 threads and on 1,
best of several calls each. Prints one JSON line with peak_f32_2t_gflops (the
best over the sizes, 2 threads) and peak_f32_1t_gflops.

    python3 peak.py [--sizes 2048,4096] [--calls 5]
"""

import argparse

import numpy as np

import common


def best_gflops(size, calls):
    rng = np.random.default_rng(size)
    a = rng.standard_normal((size, size), dtype=np.float32)
    b = rng.standard_normal((size, size), dtype=np.float32)
    c = np.empty((size, size), dtype=np.float32)
    np.matmul(a, b, out=c)                      # warm-up: threads started, pages touched
    best = float("inf")
    for _ in range(calls):
        t0 = common.clock()
        np.matmul(a, b, out=c)
        best = min(best, common.clock() - t0)
    return 2.0 * size ** 3 / best / 1e9


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2048,4096")
    ap.add_argument("--calls", type=int, default=5)
    args = ap.parse_args()
    from threadpoolctl import threadpool_limits
    sizes = [int(s) for s in args.sizes.split(",")]
    result = {"script": "peak", "workload": "peak", "impl": "numpy", "compute_dtype": "float32"}
    for threads in (2, 1):
        with threadpool_limits(limits=threads):
            per_size = {str(s): round(best_gflops(s, args.calls), 2) for s in sizes}
        result[f"peak_f32_{threads}t_gflops"] = max(per_size.values())
        result[f"sizes_f32_{threads}t_gflops"] = per_size
    result["calls"] = args.calls
    with threadpool_limits(limits=2):
        result["kernel"] = common.kernel_name()
    common.emit(result)


if __name__ == "__main__":
    main()
