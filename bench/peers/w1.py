"""W1 "seed" (WORKLOADS.md section 5) on a peer: 20 -> 64 sigmoid -> 4 softmax,
1,000 epochs of full-batch gradient descent, lr 0.01; one timing around the
whole loop. Prints one JSON line.

    python3 w1.py --impl numpy64|numpy32|sklearn|torch
"""

import argparse
import warnings

import numpy as np

import common

WL = "W1"


def numpy_tutorial(X, labels, layers, dtype, epochs, lr):
    """The seed tutorial's loop in numpy, with the error divided by n (the
    gradient of the mean loss, WORKLOADS.md section 5)."""
    W1, b1 = (a.astype(dtype) for a in layers[0])
    W2, b2 = (a.astype(dtype) for a in layers[1])
    X = X.astype(dtype)
    Y = np.eye(W2.shape[1], dtype=dtype)[labels]
    n = dtype(len(X))
    lr = dtype(lr)

    def model(inputs):
        hidden = 1 / (1 + np.exp(-(inputs @ W1 + b1)))
        logits = hidden @ W2 + b2
        scores = np.exp(logits - logits.max())           # the tutorial's global max
        return hidden, scores / scores.sum(axis=1, keepdims=True)

    initial = common.mean_cross_entropy(model(X)[1], labels)
    start = common.clock()
    for _ in range(epochs):
        h, out = model(X)
        e = (out - Y) / n
        he = (e @ W2.T) * h * (1 - h)                    # with W2 before its update
        W2 -= lr * (h.T @ e)
        b2 -= lr * e.sum(axis=0)
        W1 -= lr * (X.T @ he)
        b1 -= lr * he.sum(axis=0)
    seconds = common.clock() - start
    return seconds, initial, common.mean_cross_entropy(model(X)[1], labels), np.dtype(dtype).name, {}


def torch_sgd(X, labels, layers, epochs, lr):
    import torch
    common.limit_threads(2)
    sizes = common.layer_sizes(WL)
    model = torch.nn.Sequential(torch.nn.Linear(sizes[0], sizes[1]), torch.nn.Sigmoid(),
                                torch.nn.Linear(sizes[1], sizes[2]))
    with torch.no_grad():
        for linear, (W, b) in zip((model[0], model[2]), layers):
            linear.weight.copy_(torch.from_numpy(W.T.copy()))     # torch stores (out, in)
            linear.bias.copy_(torch.from_numpy(b))
    x = torch.from_numpy(X)
    y = torch.from_numpy(labels)
    criterion = torch.nn.CrossEntropyLoss()                      # mean over the rows
    optimizer = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.0)

    def loss_now():
        with torch.no_grad():
            return common.mean_cross_entropy(torch.softmax(model(x), dim=1).numpy(), labels)

    initial = loss_now()
    start = common.clock()
    for _ in range(epochs):
        optimizer.zero_grad(set_to_none=True)
        criterion(model(x), y).backward()
        optimizer.step()
    seconds = common.clock() - start
    return seconds, initial, loss_now(), "float32", {}


def sklearn_sgd(X, labels, epochs, lr):
    """MLPClassifier as a user writes it: its own Glorot initial weights
    (random_state 0), so its losses are not the spec's."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier
    common.limit_threads(2)
    clf = MLPClassifier(hidden_layer_sizes=(64,), activation="logistic", solver="sgd",
                        alpha=0.0, batch_size=len(X), learning_rate="constant",
                        learning_rate_init=lr, momentum=0.0, nesterovs_momentum=False,
                        shuffle=False, max_iter=epochs, tol=0.0, n_iter_no_change=10**9,
                        early_stopping=False, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        start = common.clock()
        clf.fit(X, labels)
        seconds = common.clock() - start
    final = common.mean_cross_entropy(clf.predict_proba(X), labels)
    # One batch of all rows: the first epoch's loss is the loss of its initial weights.
    return seconds, clf.loss_curve_[0], final, clf.coefs_[0].dtype.name, {
        "initial_weights": "sklearn's own (random_state 0)", "epochs_run": clf.n_iter_}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--impl", required=True, choices=["numpy64", "numpy32", "sklearn", "torch"])
    ap.add_argument("--epochs", type=int, default=common.WORKLOADS[WL]["epochs"])
    args = ap.parse_args()
    w = common.WORKLOADS[WL]
    X, labels, layers = common.prepared(WL)
    if args.impl in ("numpy64", "numpy32"):
        common.limit_threads(2)
        dtype = np.float64 if args.impl == "numpy64" else np.float32
        result = numpy_tutorial(X, labels, layers, dtype, args.epochs, w["lr"])
    elif args.impl == "torch":
        result = torch_sgd(X, labels, layers, args.epochs, w["lr"])
    else:
        result = sklearn_sgd(X, labels, args.epochs, w["lr"])
    seconds, initial, final, dtype_name, extra = result
    sps = args.epochs * w["n"] / seconds
    common.emit({"script": "w1", "workload": WL, "impl": args.impl, "compute_dtype": dtype_name,
                 "threads": 2, "kernel": common.kernel_name(),
                 "epochs": args.epochs, "train_seconds": round(seconds, 4),
                 "train_samples_per_s": round(sps, 1),
                 "gflops": round(sps * 6 * common.n_params(WL) / 1e9, 2),
                 "params": common.n_params(WL),
                 "initial_loss": round(initial, 5), "final_loss": round(final, 5),
                 "final_loss_ok": common.loss_ok(WL, final), **extra})


if __name__ == "__main__":
    main()
