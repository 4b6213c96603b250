"""Interpolated modified Kneser-Ney (Chen & Goodman 1998, eq. 17-19), written from the paper's
formulas with Python dicts and tuples: the independent reference of src/baselines/kneserNey.ts.

Reads JSON on stdin: {"train": [ids], "order": n, "vocabSize": V, "texts": [[ids], ...],
"histories": [[ids], ...]} and writes JSON: the discounts, count-of-counts and fallbacks per
order, log2 P(text[i] | text[:i]) for i >= 1 of every text, and for every history the full
distribution over the vocabulary.

Definitions (the same as the TypeScript model's doc comment):
- order n: N_n(g) = raw count of the n-gram g in train;
- order k < n: N_k(g) = number of distinct symbols x such that x + g occurs in train;
- S_k(c) = sum_w N_k(c + w); Nj_k(c) = #{w : N_k(c + w) == j} (j = 1, 2, >= 3);
- per order, n_r = #{g of length k : N_k(g) == r}; Y = n1/(n1 + 2 n2); D1 = 1 - 2Y n2/n1,
  D2 = 2 - 3Y n3/n2, D3 = 3 - 4Y n4/n3; if any is undefined or outside (0, j]: (0.5, 1, 1.5);
- P_0 = 1/V; P_k(w | c) = (N_k(cw) - D(N_k(cw)))/S_k(c) + gamma_k(c) P_{k-1}(w | c[1:]) when
  S_k(c) > 0, else P_k = P_{k-1} and every longer order too.
"""
import json
import math
import sys
from collections import defaultdict


def fit(train, n):
    raw = defaultdict(int)            # every substring of length 1..n -> occurrences
    left = defaultdict(set)           # substring -> set of symbols seen right before it
    for i in range(len(train)):
        for k in range(1, n + 1):
            if i + k > len(train):
                break
            g = tuple(train[i:i + k])
            raw[g] += 1
            if i > 0:
                left[g].add(train[i - 1])
    counts = {}
    for g, r in raw.items():
        k = len(g)
        c = r if k == n else len(left[g])
        if c > 0:
            counts[g] = c
    S = defaultdict(int)
    Nj = defaultdict(lambda: [0, 0, 0])
    coc = [[0, 0, 0, 0] for _ in range(n)]
    for g, c in counts.items():
        ctx = g[:-1]
        S[ctx] += c
        Nj[ctx][min(c, 3) - 1] += 1
        if c <= 4:
            coc[len(g) - 1][c - 1] += 1
    discounts, fallback = [], []
    for n1, n2, n3, n4 in coc:
        try:
            Y = n1 / (n1 + 2 * n2)
            d = [1 - 2 * Y * n2 / n1, 2 - 3 * Y * n3 / n2, 3 - 4 * Y * n4 / n3]
            ok = all(math.isfinite(x) and 0 < x <= j + 1 for j, x in enumerate(d))
        except ZeroDivisionError:
            ok = False
        discounts.append(d if ok else [0.5, 1.0, 1.5])
        fallback.append(not ok)
    return counts, S, Nj, coc, discounts, fallback


def probability(model, n, V, history, w):
    counts, S, Nj, _, discounts, _ = model
    p = 1.0 / V
    for k in range(1, n + 1):
        if k - 1 > len(history):
            break
        ctx = tuple(history[len(history) - (k - 1):]) if k > 1 else ()
        s = S.get(ctx, 0)
        if s == 0:
            break
        c = counts.get(ctx + (w,), 0)
        d1, d2, d3 = discounts[k - 1]
        disc = 0 if c == 0 else c - (d1 if c == 1 else d2 if c == 2 else d3)
        n1, n2, n3 = Nj[ctx]
        p = disc / s + (d1 * n1 + d2 * n2 + d3 * n3) / s * p
    return p


def main():
    req = json.load(sys.stdin)
    train, n, V = req["train"], req["order"], req["vocabSize"]
    model = fit(train, n)
    out = {
        "discounts": model[4],
        "discountFallback": model[5],
        "countOfCounts": model[3],
        "distinctGrams": [sum(1 for g in model[0] if len(g) == k) for k in range(1, n + 1)],
        "log2": [[math.log2(probability(model, n, V, t[:i], t[i])) for i in range(1, len(t))] for t in req.get("texts", [])],
        "distributions": [[probability(model, n, V, h, w) for w in range(V)] for h in req.get("histories", [])],
    }
    json.dump(out, sys.stdout)


main()
