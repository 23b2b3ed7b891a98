#!/usr/bin/env bash
# Fetches hanzi-writer-data (per-character JSON, stroke medians from Make Me a Hanzi) from
# the npm registry into a cache and prints the folder holding the JSON files. The data is
# not committed: the benchmark reads it from here.
set -euo pipefail
version=${HANZI_WRITER_DATA_VERSION:-2.0.1}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/complaint-bench
mkdir -p "$cache"
if [ ! -f "$cache/hanzi-writer-data-$version/package/永.json" ]; then
  (cd "$cache" && npm pack --silent "hanzi-writer-data@$version" >/dev/null)
  mkdir -p "$cache/hanzi-writer-data-$version"
  tar -xzf "$cache/hanzi-writer-data-$version.tgz" -C "$cache/hanzi-writer-data-$version"
fi
echo "$cache/hanzi-writer-data-$version/package"
