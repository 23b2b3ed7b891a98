#!/usr/bin/env python3
# Distorted writing of the hanzi-writer-data stroke medians, as training samples for
# zinnia_learn: for each character of CHARS, PER samples, none of them the clean median (the
# benchmark's test writing). Each sample turns the whole character (rotation +-10 degrees,
# shear +-0.2, x and y scale 0.75-1.25), moves and scales each stroke on its own (+-30 units,
# 0.85-1.15) and jitters every point (sigma 8 units of 1,024), then fits the ink into a
# 1,000-unit box as ZinniaRecognizer::normalized does (the larger side at 60 %, centred).
#
#   distorted_writing.py DATA_DIR CHARS PER SEED > train.s
#   distorted_writing.py DATA_DIR CHARS 1 SEED --json OUT_DIR
#
# The second form writes one distorted sample a character as hanzi-writer JSON (medians in
# its 1,024-unit box, y up), unfitted: a held-out test set for handwriting_bench --data
# (another seed than the training set's).
import json
import math
import random
import sys

data, chars_file, per, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
json_dir = sys.argv[6] if len(sys.argv) > 6 and sys.argv[5] == "--json" else None
random.seed(seed)
chars = [l.strip() for l in open(chars_file, encoding='utf-8') if l.strip()]
def distort(medians):
    a = math.radians(random.uniform(-10, 10)); sh = random.uniform(-0.2, 0.2)
    sx = random.uniform(0.75, 1.25); sy = random.uniform(0.75, 1.25)
    out = []
    for m in medians:
        ox, oy = random.uniform(-30, 30), random.uniform(-30, 30)
        ss = random.uniform(0.85, 1.15)
        cx = sum(p[0] for p in m) / len(m); cy = sum(900 - p[1] for p in m) / len(m)
        pts = []
        for (x, y) in m:
            y = 900 - y
            x, y = cx + (x - cx) * ss, cy + (y - cy) * ss
            x -= 512; y -= 512
            x, y = x * sx + sh * y, y * sy
            x, y = x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)
            pts.append((x + 512 + ox + random.gauss(0, 8), y + 512 + oy + random.gauss(0, 8)))
        out.append(pts)
    return out
def fit(strokes):
    xs = [p[0] for s in strokes for p in s]; ys = [p[1] for s in strokes for p in s]
    side = max(max(xs) - min(xs), max(ys) - min(ys), 512, 1)
    scale = 0.6 * 1000 / side; cx = (min(xs) + max(xs)) / 2; cy = (min(ys) + max(ys)) / 2
    return [[(int(500 + (x - cx) * scale), int(500 + (y - cy) * scale)) for x, y in s] for s in strokes]
for c in chars:
    med = json.load(open(f"{data}/{c}.json", encoding='utf-8'))["medians"]
    if json_dir:
        strokes = distort(med)
        medians = [[[int(x), int(900 - y)] for x, y in s] for s in strokes]
        with open(f"{json_dir}/{c}.json", "w", encoding="utf-8") as out:
            json.dump({"medians": medians}, out)
        continue
    for _ in range(per):
        strokes = fit(distort(med))
        s = "".join("(" + "".join(f"({x} {y})" for x, y in st) + ")" for st in strokes)
        print(f"(character (value {c}) (width 1000) (height 1000) (strokes {s}))")
