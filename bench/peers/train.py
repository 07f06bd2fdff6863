"""W2 "mnist-shape" and W3 "wide" (WORKLOADS.md sections 6, 7) on a peer: ReLU
MLP, Adam lr 1e-3, mini-batches in the spec's epoch order, 2 epochs, each
epoch timed from before its order is drawn to after its last update. Prints
one JSON line.

    python3 train.py --workload W2|W3 --impl numpy|sklearn|sklearn64|torch
"""

import argparse
import warnings

import numpy as np

import common


def numpy_adam(wl, X, labels, layers):
    """Forward, backward and Adam (PyTorch's bias-corrected form) in float32 numpy."""
    w = common.WORKLOADS[wl]
    n, batch, epochs = w["n"], w["batch"], w["epochs"]
    b1, b2, lr, eps = (np.float32(common.ADAM[k]) for k in ("beta1", "beta2", "lr", "eps"))
    params = [p.copy() for layer in layers for p in layer]          # W1, b1, W2, b2, ...
    first = [np.zeros_like(p) for p in params]
    second = [np.zeros_like(p) for p in params]
    scratch = [np.empty_like(p) for p in params]
    count = len(layers)
    order_stream = common.EpochOrder(n)
    xb = np.empty((batch, w["d"]), dtype=np.float32)
    step = 0
    times = []
    for _ in range(epochs):
        start = common.clock()
        order = order_stream.next()
        for lo in range(0, n, batch):
            idx = order[lo:lo + batch]
            rows = len(idx)
            x = np.take(X, idx, axis=0, out=xb[:rows])
            # forward: keep every layer's input
            inputs = [x]
            for i in range(count):
                z = inputs[-1] @ params[2 * i] + params[2 * i + 1]
                inputs.append(np.maximum(z, 0, out=z) if i < count - 1 else z)
            g = common.softmax_rows(inputs.pop())
            g[np.arange(rows), labels[idx]] -= 1
            g /= rows                                   # gradient of the mean loss
            # backward: grads in the same order as params
            grads = [None] * len(params)
            for i in reversed(range(count)):
                a = inputs[i]
                grads[2 * i] = a.T @ g
                grads[2 * i + 1] = g.sum(axis=0)
                if i > 0:
                    g = g @ params[2 * i].T
                    g *= a > 0
            step += 1
            c1 = 1 - b1 ** step
            root_c2 = np.sqrt(1 - b2 ** step)
            for p, gr, m, v, t in zip(params, grads, first, second, scratch):
                m *= b1
                m += (1 - b1) * gr
                v *= b2
                np.multiply(gr, gr, out=gr)
                v += (1 - b2) * gr
                np.sqrt(v, out=t)
                t /= root_c2
                t += eps                                 # sqrt(v / c2) + eps
                np.divide(m, t, out=t)
                t *= lr / c1
                p -= t
        times.append(common.clock() - start)
    model = [(params[2 * i], params[2 * i + 1]) for i in range(count)]
    final = common.mean_cross_entropy(common.forward_probabilities(model, X), labels)
    return times, final, "float32", {}


def torch_adam(wl, X, labels, layers):
    import torch
    common.limit_threads(2)
    w = common.WORKLOADS[wl]
    n, batch, epochs = w["n"], w["batch"], w["epochs"]
    modules = []
    for i, (W, b) in enumerate(layers):
        linear = torch.nn.Linear(*W.shape)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W.T.copy()))    # torch stores (out, in)
            linear.bias.copy_(torch.from_numpy(b))
        modules.append(linear)
        if i < len(layers) - 1:
            modules.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*modules)
    x_all = torch.from_numpy(X)
    y_all = torch.from_numpy(labels)
    criterion = torch.nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=common.ADAM["lr"],
                                 betas=(common.ADAM["beta1"], common.ADAM["beta2"]),
                                 eps=common.ADAM["eps"], weight_decay=0.0)
    order_stream = common.EpochOrder(n)
    times = []
    for _ in range(epochs):
        start = common.clock()
        order = torch.from_numpy(order_stream.next())
        for lo in range(0, n, batch):
            idx = order[lo:lo + batch]
            loss = criterion(model(x_all.index_select(0, idx)), y_all.index_select(0, idx))
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        times.append(common.clock() - start)
    with torch.no_grad():
        probs = torch.cat([torch.softmax(model(x_all[lo:lo + 4096]), dim=1)
                           for lo in range(0, n, 4096)]).numpy()
    return times, common.mean_cross_entropy(probs, labels), "float32", {
        "torch_threads": torch.get_num_threads()}


def sklearn_adam(wl, X, labels, dtype):
    """MLPClassifier as a user writes it: its own initial weights and shuffling
    (random_state 0), so its losses are not the spec's. Epochs are timed from
    timestamps taken at the end of each epoch inside fit; the first epoch
    also holds fit's set-up."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    common.limit_threads(2)
    w = common.WORKLOADS[wl]
    stamps = []

    class Timed(MLPClassifier):
        def _update_no_improvement_count(self, early_stopping, X_val, y_val):
            stamps.append(common.clock())        # called once per epoch, after its last update
            super()._update_no_improvement_count(early_stopping, X_val, y_val)

    clf = Timed(hidden_layer_sizes=w["hidden"], activation="relu", solver="adam", alpha=0.0,
                batch_size=w["batch"], learning_rate_init=common.ADAM["lr"],
                beta_1=common.ADAM["beta1"], beta_2=common.ADAM["beta2"], epsilon=common.ADAM["eps"],
                shuffle=True, max_iter=w["epochs"], tol=0.0, n_iter_no_change=10**9,
                early_stopping=False, random_state=0)
    data = X.astype(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = common.clock()
        clf.fit(data, labels)
    times = list(np.diff([start] + stamps))
    final = common.mean_cross_entropy(clf.predict_proba(data), labels)
    return times, final, clf.coefs_[0].dtype.name, {
        "initial_weights": "sklearn's own (random_state 0)", "epoch_order": "sklearn's own"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workload", required=True, choices=["W2", "W3"])
    ap.add_argument("--impl", required=True, choices=["numpy", "sklearn", "sklearn64", "torch"])
    args = ap.parse_args()
    wl = args.workload
    X, labels, layers = common.prepared(wl)
    if args.impl == "numpy":
        common.limit_threads(2)
        times, final, dtype, extra = numpy_adam(wl, X, labels, layers)
    elif args.impl == "torch":
        times, final, dtype, extra = torch_adam(wl, X, labels, layers)
    else:
        dtype = np.float64 if args.impl == "sklearn64" else np.float32
        times, final, dtype, extra = sklearn_adam(wl, X, labels, dtype)
    n = common.WORKLOADS[wl]["n"]
    sps = n / float(np.mean(times[1:]))          # the first epoch warms up
    common.emit({"script": "train", "workload": wl, "impl": args.impl, "compute_dtype": dtype,
                 "threads": 2, "kernel": common.kernel_name(),
                 "epochs": len(times), "batch": common.WORKLOADS[wl]["batch"],
                 "epoch_seconds": [round(t, 4) for t in times],
                 "train_samples_per_s": round(sps, 1),
                 "train_samples_per_s_all_epochs": round(n * len(times) / sum(times), 1),
                 "gflops": round(sps * 6 * common.n_params(wl) / 1e9, 2),
                 "params": common.n_params(wl), "final_loss": round(final, 5),
                 "final_loss_ok": common.loss_ok(wl, final), **extra})


if __name__ == "__main__":
    main()
