"""PyTorch version of the CoordConv coordinate classifier, for speed comparisons.

Trains the classifier of the CoordConv paper on the Not-so-Clevr centres (x, y in 4..59 on a
64x64 canvas) with the same data split, architecture, loss and optimiser as the Java benchmark
io.github.coordconv.examples.bench.ClassifierTrainingBenchmark, and prints the same lines:

    epoch N train_s=... eval_s=... loss=... train_acc=... test_acc=...
    RESULT examples_per_s=... reached_s=...|none epochs=...

Model: tile (x, y) over 64x64, one channel each (pixel values, or divided by 63), and append x and y
coordinate channels in [-1, 1]. Then come 1x1 convolutions with 32, 32, 64 and 64 filters and
ReLU, and one 1x1 filter whose 4,096 outputs go through a softmax. Weights are initialised as in
the Java model (He normal, zero biases). Adam with beta2 = 0.99.

Usage: python3 torch_classifier.py [--lockstep] SPLIT LR BATCH MAX_EPOCHS THREADS [INPUT [SEED]]
INPUT is raw (pixel coordinates, as the released code; the default) or unit (divided by 63).
SEED (1 to 2**31 - 1, default 1) seeds the initialisation and the order of the examples.
With --lockstep it prints "ready" and reads one line from standard input before each epoch, and
stops when the input ends. bench/side-by-side uses it to alternate the epochs of the two
programs. Time spent waiting for that line does not count in the wall time to 100%.
SPLIT is uniform (numpy RandomState(20202), an example is in the test set when its draw is below
0.25, draws taken in x-major order) or quadrant (test set: x > 32 and y > 32).
"""
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

CANVAS = 64
MAX_SEED = 2**31 - 1


def centres_and_split(split):
    xs, ys = np.meshgrid(np.arange(4, 60), np.arange(4, 60), indexing="ij")
    centres = np.stack([xs.ravel(), ys.ravel()], axis=1)  # x-major: x outer, y inner
    if split == "uniform":
        test = np.random.RandomState(20202).random_sample(len(centres)) < 0.25
    elif split == "quadrant":
        test = (centres[:, 0] > 32) & (centres[:, 1] > 32)
    else:
        raise SystemExit(f"Unknown split '{split}': expected uniform or quadrant")
    return centres, test


class CoordConvClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        widths = [4, 32, 32, 64, 64]
        self.hidden = nn.ModuleList(
            nn.Conv2d(n_in, n_out, kernel_size=1) for n_in, n_out in zip(widths, widths[1:])
        )
        self.output = nn.Conv2d(widths[-1], 1, kernel_size=1)
        # The Java model's initialisation (DL4J WeightInit.RELU): weights normal with variance
        # 2 / fan-in, biases zero. PyTorch's default initialisation is several times smaller.
        for layer in [*self.hidden, self.output]:
            nn.init.kaiming_normal_(layer.weight, mode="fan_in", nonlinearity="relu")
            nn.init.zeros_(layer.bias)
        x_channel = torch.linspace(-1, 1, CANVAS).view(1, 1, 1, CANVAS).expand(1, 1, CANVAS, CANVAS)
        y_channel = torch.linspace(-1, 1, CANVAS).view(1, 1, CANVAS, 1).expand(1, 1, CANVAS, CANVAS)
        self.register_buffer("coordinates", torch.cat([x_channel, y_channel], dim=1))

    def forward(self, centres):
        batch = centres.shape[0]
        tiled = centres.view(batch, 2, 1, 1).expand(batch, 2, CANVAS, CANVAS)
        maps = torch.cat([tiled, self.coordinates.expand(batch, 2, CANVAS, CANVAS)], dim=1)
        for layer in self.hidden:
            maps = F.relu(layer(maps))
        return self.output(maps).view(batch, CANVAS * CANVAS)


def accuracy(model, inputs, labels, chunk=256):
    correct = 0
    with torch.no_grad():
        for start in range(0, len(inputs), chunk):
            predicted = model(inputs[start:start + chunk]).argmax(dim=1)
            correct += (predicted == labels[start:start + chunk]).sum().item()
    return correct / len(inputs)


def positive_number(text, name):
    """Returns the text as a positive finite float, or exits with a message naming the argument."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0):
        raise SystemExit(f"Invalid {name} '{text}': expected a positive number")
    return value


def positive_integer(text, name):
    """Returns the text as a positive integer, or exits with a message naming the argument."""
    if not text.isdigit() or int(text) == 0:
        raise SystemExit(f"Invalid {name} '{text}': expected a positive integer")
    return int(text)


def main():
    args = sys.argv[1:]
    lockstep = bool(args) and args[0] == "--lockstep"
    if lockstep:
        args = args[1:]
    if len(args) not in (5, 6, 7):
        raise SystemExit(__doc__)
    split = args[0]
    lr = positive_number(args[1], "LR")
    batch = positive_integer(args[2], "BATCH")
    max_epochs = positive_integer(args[3], "MAX_EPOCHS")
    threads = positive_integer(args[4], "THREADS")
    scaling = args[5] if len(args) >= 6 else "raw"
    seed_text = args[6] if len(args) == 7 else "1"
    if not seed_text.isdigit() or not 1 <= int(seed_text) <= MAX_SEED:
        raise SystemExit(
            f"Invalid SEED '{seed_text}': expected a whole number from 1 to {MAX_SEED}")
    seed = int(seed_text)
    if scaling not in ("raw", "unit"):
        raise SystemExit(f"Invalid INPUT '{scaling}': expected raw or unit")
    scale = 1.0 if scaling == "raw" else 1.0 / 63.0
    torch.set_num_threads(threads)
    torch.set_flush_denormal(True)
    torch.manual_seed(seed)

    centres, test = centres_and_split(split)
    labels = centres[:, 1] * CANVAS + centres[:, 0]
    train_x = torch.tensor(centres[~test] * scale, dtype=torch.float32)
    train_y = torch.tensor(labels[~test], dtype=torch.int64)
    test_x = torch.tensor(centres[test] * scale, dtype=torch.float32)
    test_y = torch.tensor(labels[test], dtype=torch.int64)

    model = CoordConvClassifier()
    optimiser = torch.optim.Adam(model.parameters(), lr=lr, betas=(0.9, 0.99))
    parameters = sum(p.numel() for p in model.parameters())
    print(f"pytorch {torch.__version__} split={split} train={len(train_x)} test={len(test_x)}"
          f" params={parameters} lr={lr} batch={batch} input={scaling} seed={seed}"
          f" threads={threads}",
          flush=True)

    start = time.perf_counter()
    waited = 0.0
    train_seconds = 0.0
    reached = None
    epoch = 0
    for next_epoch in range(1, max_epochs + 1):
        if lockstep:
            print("ready", flush=True)
            wait_start = time.perf_counter()
            if not sys.stdin.readline():
                break
            waited += time.perf_counter() - wait_start
        epoch = next_epoch
        epoch_start = time.perf_counter()
        order = torch.randperm(len(train_x))
        for first in range(0, len(train_x), batch):
            rows = order[first:first + batch]
            loss = F.cross_entropy(model(train_x[rows]), train_y[rows])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        trained = time.perf_counter()
        train_seconds += trained - epoch_start

        train_acc = accuracy(model, train_x, train_y)
        test_acc = accuracy(model, test_x, test_y)
        print(f"epoch {epoch} train_s={trained - epoch_start:.2f}"
              f" eval_s={time.perf_counter() - trained:.2f} loss={loss.item():.4f}"
              f" train_acc={train_acc:.4f} test_acc={test_acc:.4f}", flush=True)
        if train_acc == 1.0 and test_acc == 1.0:
            reached = time.perf_counter() - start - waited
            break

    if epoch == 0:
        print("RESULT examples_per_s=none reached_s=none epochs=0")
        return
    examples_per_s = epoch * len(train_x) / train_seconds
    reached_text = "none" if reached is None else f"{reached:.1f}"
    print(f"RESULT examples_per_s={examples_per_s:.1f} reached_s={reached_text} epochs={epoch}")


if __name__ == "__main__":
    main()
