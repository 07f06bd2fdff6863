#!/usr/bin/env python3
"""Turns the raw JSON lines of bench/compare.sh into Markdown tables: per case
our median (min-max), each peer's median, the speed ratios ours / peer, % of
the float32 GEMM peak, final losses checked against WORKLOADS.md 7b, batch-1
latency, and the pure-Java / default-kernel ratio. Standard library only.

    python3 bench/summarise.py bench/results/raw-*.jsonl
"""

import json
import statistics
import sys

OURS, PURE = "java", "java-purejava"
OURS_AOT, PURE_AOT = OURS + "-aot", PURE + "-aot"    # the same, with the AOT cache the build ships
REFERENCE = {"W1": (1.1996, 0.005), "W2": (0.7178, 0.02), "W3": (0.3171, 0.02)}
TRAIN_ORDER = {"W1": ["numpy64", "numpy32", "sklearn", "torch"],
               "W2": ["numpy", "sklearn", "sklearn64", "torch"],
               "W3": ["numpy", "sklearn", "sklearn64", "torch"]}
INFER_ORDER = ["numpy", "sklearn", "torch"]
OWN_INIT = {"sklearn", "sklearn64"}


def load(paths):
    lines = []
    for path in paths:
        with open(path) as f:
            for number, text in enumerate(f, 1):
                text = text.strip()
                if not text:
                    continue
                try:
                    lines.append(json.loads(text))
                except ValueError:
                    print(f"summarise: {path}:{number} is not JSON; skipped", file=sys.stderr)
    return lines


def case_of(line):
    if line.get("script") == "peak" or line.get("workload") == "peak":
        return "peak"
    if "batch1_median_us" in line or line.get("case") == "infer":
        return "infer"
    return line.get("workload")


def groups(lines):
    """{case: {impl: [lines]}} of the successful runs, and the failed ones."""
    ok, failed = {}, []
    for line in lines:
        if line.get("error"):
            failed.append(line)
            continue
        ok.setdefault(case_of(line), {}).setdefault(line.get("impl"), []).append(line)
    return ok, failed


def med(runs, key):
    values = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
    return statistics.median(values) if values else None


def span(runs, key):
    values = [r[key] for r in runs if isinstance(r.get(key), (int, float))]
    return (min(values), max(values)) if values else (None, None)


def num(x, digits=0):
    if x is None:
        return "n/a"
    return f"{x:,.{digits}f}"


def ratio(a, b):
    if not (a and b):
        return "n/a"
    r = a / b
    return f"{r:.1f}×" if r >= 10 else f"{r:.2f}×" if r >= 0.1 else f"{r:.3f}×"


def pct(gflops, peak):
    return f"{100 * gflops / peak:.1f}" if gflops is not None and peak else "n/a"


def kernels(runs):
    return ", ".join(sorted({str(r.get("kernel", "?")) for r in runs}))


def ordered(impls, peer_order):
    ours = [i for i in (OURS, OURS_AOT, PURE, PURE_AOT) if i in impls]
    peers = [i for i in peer_order if i in impls]
    rest = sorted(i for i in impls if i not in ours and i not in peers)
    return ours + peers + rest


def loss_cell(case, runs):
    losses = [r["final_loss"] for r in runs if isinstance(r.get("final_loss"), (int, float))]
    if not losses:
        return "n/a"
    ref, tol = REFERENCE[case]
    outside = any(abs(x - ref) > tol for x in losses)
    cell = f"{statistics.median(losses):.4f}"
    if len(set(losses)) > 1:
        cell += f" ({min(losses):.4f}–{max(losses):.4f})"
    if outside:
        cell += " ✗"
    if runs[0].get("impl") in OWN_INIT:
        cell += " †"
    return cell


def training_table(case, by_impl, peak):
    ours = med(by_impl.get(OURS, []), "train_samples_per_s")
    pure = med(by_impl.get(PURE, []), "train_samples_per_s")
    ref, tol = REFERENCE[case]
    out = [f"### {case} training (final loss reference {ref} ± {tol})", "",
           "| impl | computes in | kernel | runs | samples/s median | min – max | GFLOP/s | % of peak "
           "| java ÷ this | java-purejava ÷ this | final loss |",
           "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for impl in ordered(by_impl, TRAIN_ORDER.get(case, [])):
        runs = by_impl[impl]
        sps = med(runs, "train_samples_per_s")
        lo_hi = span(runs, "train_samples_per_s")
        gflops = med(runs, "gflops")
        dtype = ", ".join(sorted({str(r.get("compute_dtype")) for r in runs}))
        out.append(f"| {impl} | {dtype} | {kernels(runs)} | {len(runs)} | {num(sps)} | "
                   f"{num(lo_hi[0])} – {num(lo_hi[1])} | {num(gflops, 2)} | {pct(gflops, peak)} | "
                   f"{ratio(ours, sps)} | {ratio(pure, sps)} | {loss_cell(case, runs)} |")
    return out


def inference_table(by_impl, peak):
    ours = by_impl.get(OURS, [])
    ours_b1, ours_b1024 = med(ours, "batch1_median_us"), med(ours, "batch1024_samples_per_s")
    out = ["### Inference on the W2 model", "",
           "| impl | kernel | runs | batch-1 median µs | min – max | batch-1 p99 µs | "
           "batch-1024 samples/s | min – max | GFLOP/s | % of peak | java ÷ this, batch-1 | "
           "java ÷ this, batch-1024 | probabilities ok |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for impl in ordered(by_impl, INFER_ORDER):
        runs = by_impl[impl]
        b1, b1_span = med(runs, "batch1_median_us"), span(runs, "batch1_median_us")
        sps, sps_span = med(runs, "batch1024_samples_per_s"), span(runs, "batch1024_samples_per_s")
        gflops = med(runs, "batch1024_gflops")
        ok = all(r.get("probabilities_ok") is True for r in runs)
        # speed ratios: a latency ratio is this µs ÷ ours µs, so above 1 means ours is faster
        out.append(f"| {impl} | {kernels(runs)} | {len(runs)} | {num(b1, 1)} | "
                   f"{num(b1_span[0], 1)} – {num(b1_span[1], 1)} | {num(med(runs, 'batch1_p99_us'), 1)} | "
                   f"{num(sps)} | {num(sps_span[0])} – {num(sps_span[1])} | {num(gflops, 2)} | "
                   f"{pct(gflops, peak)} | {ratio(b1, ours_b1)} | {ratio(ours_b1024, sps)} | "
                   f"{'yes' if ok else 'NO'} |")
    return out


def stream_line(ok):
    """Our batch-1 latency against the time one core takes to stream the model's weights."""
    parts = []
    for impl in (OURS, OURS_AOT, PURE, PURE_AOT):
        runs = ok.get("infer", {}).get(impl, [])
        pct_, stream = med(runs, "batch1_pct_of_stream_read"), med(runs, "stream_read_us")
        if pct_ and stream:
            parts.append(f"{impl} {pct_:.0f}% (stream {stream:.1f} µs)")
    if not parts:
        return []
    return ["", "Batch-1 against the floor, one core streaming a buffer of the model's size from its cache "
                "(`stream_read_us`, in the same run), as the stream's time over the prediction's: "
                + ", ".join(parts) + "."]


def pure_java_line(ok):
    parts = []
    for case in ("W1", "W2", "W3"):
        by_impl = ok.get(case, {})
        pure, ours = med(by_impl.get(PURE, []), "train_samples_per_s"), med(by_impl.get(OURS, []), "train_samples_per_s")
        if pure and ours:
            parts.append(f"{case} {pure / ours:.2f}×")
    inf = ok.get("infer", {})
    pure_b1, ours_b1 = med(inf.get(PURE, []), "batch1_median_us"), med(inf.get(OURS, []), "batch1_median_us")
    if pure_b1 and ours_b1:
        parts.append(f"batch-1 {ours_b1 / pure_b1:.2f}×")
    pure_b, ours_b = med(inf.get(PURE, []), "batch1024_samples_per_s"), med(inf.get(OURS, []), "batch1024_samples_per_s")
    if pure_b and ours_b:
        parts.append(f"batch-1024 {pure_b / ours_b:.2f}×")
    if not parts:
        return []
    seen = {}
    for case in ok.values():
        for impl in (OURS, PURE):
            for r in case.get(impl, []):
                seen.setdefault(impl, set()).add(str(r.get("kernel")))
    names = " vs ".join(f"{impl}: {', '.join(sorted(k))}" for impl, k in seen.items())
    return ["", f"Pure-Java ÷ default kernel (speed of `-Dmlp.engine.kernel=java` over the default; below 1 "
                f"means the pure-Java path is slower): {', '.join(parts)}. Kernels: {names}."]


def aot_line(ok):
    """Speed with the shipped AOT cache over without it, per case and kernel."""
    parts = []
    for case, key, latency in (("W1", "train_samples_per_s", False), ("W2", "train_samples_per_s", False),
                               ("W3", "train_samples_per_s", False), ("infer", "batch1_median_us", True),
                               ("infer", "batch1024_samples_per_s", False)):
        for plain, cached in ((OURS, OURS_AOT), (PURE, PURE_AOT)):
            a, b = med(ok.get(case, {}).get(cached, []), key), med(ok.get(case, {}).get(plain, []), key)
            if a and b:
                label = case if case != "infer" else ("batch-1" if latency else "batch-1024")
                parts.append(f"{label} {plain} {(b / a if latency else a / b):.2f}×")
    if not parts:
        return []
    return ["", "With the AOT cache the build ships (`-aot` rows: target/app/mlp-service.aot) ÷ without, "
                "as speeds: " + ", ".join(parts) + "."]


def cores_line(ok):
    """How many cores our runs kept busy: process CPU seconds ÷ wall seconds over the timed part."""
    parts = []
    for case, key in (("W1", "cores_used"), ("W2", "cores_used"), ("W3", "cores_used"),
                      ("infer", "batch1024_cores_used")):
        for impl in (OURS, PURE):
            value = med(ok.get(case, {}).get(impl, []), key)
            if value is not None:
                parts.append(f"{case} {impl} {value:.2f}")
    if not parts:
        return []
    return ["", "Cores our runs kept busy (CPU s ÷ wall s while timed; the budget is 2): "
                + ", ".join(parts) + "."]


def warmup_line(ok):
    """W1's loop split into what runs before the JIT has compiled our code and what runs after."""
    runs = ok.get("W1", {})
    parts = []
    for impl in (OURS, OURS_AOT, PURE, PURE_AOT):
        mine = runs.get(impl, [])
        share, compiled = med(mine, "warmup_share"), med(mine, "compiled_samples_per_s")
        firsts = [r["first_epochs_ms"][0] for r in mine if r.get("first_epochs_ms")]
        if share is None or compiled is None or not firsts:
            continue
        text = (f"{impl}: a compiled epoch (the median of the second half) runs {compiled / 1e6:.2f} M "
                f"samples/s; {100 * share:.0f}% of the loop is what it took beyond as many compiled epochs "
                f"(the first epoch {statistics.median(firsts):.0f} ms)")
        peers = [(med(runs.get(p, []), "train_samples_per_s"), p) for p in TRAIN_ORDER["W1"] if runs.get(p)]
        peers = [(speed, p) for speed, p in peers if speed]
        if peers:
            speed, fastest = max(peers)
            text += f"; compiled epochs alone would be {compiled / speed:.2f}× {fastest}'s whole loop"
        parts.append(text)
    if not parts:
        return []
    return ["", "W1's warm-up (medians; `warmup_share`, `compiled_samples_per_s` in the JSON lines): "
                + "; ".join(parts) + "."]


def environment(lines):
    for line in lines:
        env = line.get("env") or {}
        if line.get("impl") == OURS and env:
            return f"{env.get('cpu')} ({env.get('cpus')} CPUs), Java {env.get('java')}"
    for line in lines:
        if line.get("env"):
            return f"{line['env'].get('cpu')} ({line['env'].get('cpus')} CPUs)"
    return "unknown machine"


def summarise(lines):
    ok, failed = groups(lines)
    peaks = ok.get("peak", {}).get("numpy", [])
    peak = med(peaks, "peak_f32_2t_gflops")
    out = [f"## MLP benchmark: ours ÷ peers on {environment(lines)}", ""]
    if peak:
        out.append(f"float32 GEMM peak (numpy sgemm, 2 threads, median of {len(peaks)} runs): "
                   f"{peak:.1f} GFLOP/s; 1 thread {med(peaks, 'peak_f32_1t_gflops'):.1f}.")
    else:
        out.append("No GEMM peak was measured (numpy or threadpoolctl missing): % of peak is n/a.")
    out += ["Ratios are speeds: above 1 means ours (java, default kernel) is faster than that row. "
            "W1: whole 1,000-epoch loop; W2/W3: epochs after the first; GFLOP/s = samples/s × 6 × "
            "parameters (training), × 2 (inference).", ""]
    for case in ("W1", "W2", "W3"):
        if case in ok:
            out += training_table(case, ok[case], peak) + [""]
    if "infer" in ok:
        out += inference_table(ok["infer"], peak) + [""]
    out += stream_line(ok)
    out += pure_java_line(ok)
    out += aot_line(ok)
    out += cores_line(ok)
    out += warmup_line(ok)
    if any(case in ok for case in ("W1", "W2", "W3")):
        out += ["", "✗ final loss outside the WORKLOADS.md 7b tolerance. † scikit-learn draws its own "
                "initial weights and epoch order, so its loss is not expected to match."]
    if failed:
        out += ["", "Failed runs:"]
        out += [f"- {f.get('case', f.get('workload'))} {f.get('impl')} (round {f.get('round', '?')}): "
                f"{f.get('error')}" for f in failed]
    return "\n".join(out)


def main(argv):
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv else 2
    print(summarise(load(argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
