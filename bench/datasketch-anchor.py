"""datasketch's MinHashLSH on a JSONL feed: the peer anchor of issue 12 (bench-datasketch.ts runs it).

Cross-article matching only, as pipelines use it: per article, word 3-shingles of its text
(lowercased, split on non-word characters), a 128-permutation MinHash, a query of the LSH
index (threshold 0.5, our jaccardThreshold), then an insert. No cleaning, no language tags.

    python3 bench/datasketch-anchor.py FEED.jsonl   (DATASKETCH_PATH: the folder holding datasketch/)

Prints one JSON line: wall and CPU seconds, articles, articles with a match.
"""
import json
import os
import re
import sys
import time

sys.path.insert(0, os.environ.get('DATASKETCH_PATH', '/tmp/datasketch'))
from datasketch import MinHash, MinHashLSH  # noqa: E402

WORD = re.compile(r'\w+', re.UNICODE)


def main(path):
    with open(path, encoding='utf-8') as f:
        articles = [json.loads(line) for line in f if line.strip()]
    wall0, cpu0 = time.perf_counter(), time.process_time()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    matched = 0
    for i, article in enumerate(articles):
        words = WORD.findall(str(article.get('text', '')).lower())
        shingles = {' '.join(words[j:j + 3]).encode('utf-8') for j in range(max(1, len(words) - 2))}
        m = MinHash(num_perm=128)
        m.update_batch(list(shingles))
        if lsh.query(m):
            matched += 1
        lsh.insert(str(article.get('id', i)), m)
    print(json.dumps({'seconds': time.perf_counter() - wall0, 'cpuSeconds': time.process_time() - cpu0,
                      'articles': len(articles), 'matched': matched}))


main(sys.argv[1])
