#!/usr/bin/env bash
# Runs one JMH benchmark for two commits in the same sitting, forks interleaved A B B A A B ...,
# and prints every fork's score, the medians, their spread and the paired ratios B/A.
#
# Usage (from anywhere inside the repository):
#   benchmarks/compare-commits.sh [-n ROUNDS] [--jvm-args 'ARGS'] A B BENCHMARK [JMH options...]
#
#   A, B        commits (any git revision; the working tree is not used, commit first)
#   BENCHMARK   a JMH benchmark regular expression, e.g. 'MultiplyBenchmark.blockedSerial'
#   -n ROUNDS   forks per commit (default 5); each fork is one JMH run with -f 1
#   --jvm-args  extra JVM options for the forked benchmark JVMs (JMH -jvmArgsAppend)
#   JMH options are passed through, e.g. -p n=1024 -wi 5 -i 10 -w 1 -r 1
#
# Each commit is exported with `git archive` and built once (mvn package of benchmarks and
# core, tests skipped); the jar is cached by commit id under $NMF4J_AB_DIR (default
# /tmp/nmf4j-ab), so bisecting reuses earlier builds. Scores and JMH logs stay there too.
# Each fork holds the lock file $NMF4J_BENCH_LOCK (default /tmp/nmf4j-bench.lock, with flock),
# and waits while another JMH run holds JMH's own lock.
# Example: the square multiply on one thread, main against the commit before it:
#   benchmarks/compare-commits.sh main~1 main 'MultiplyBenchmark.blockedSerial' -p n=1024
set -euo pipefail

rounds=5
jvm_args=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) rounds="$2"; shift 2 ;;
    --jvm-args) jvm_args="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) break ;;
  esac
done
if [ $# -lt 3 ]; then
  echo "usage: $0 [-n ROUNDS] [--jvm-args 'ARGS'] A B BENCHMARK [JMH options...]" >&2
  exit 2
fi
rev_a="$1"; rev_b="$2"; bench="$3"; shift 3
case "$rounds" in
  ''|*[!0-9]*) echo "-n must be a positive integer, was '$rounds'" >&2; exit 2 ;;
esac
[ "$rounds" -ge 1 ] || { echo "-n must be >= 1, was $rounds" >&2; exit 2; }

repo=$(git rev-parse --show-toplevel)
# Resolved once: the names (HEAD, main, a branch) may move while the forks run.
sha_a=$(git -C "$repo" rev-parse --verify "$rev_a^{commit}")
sha_b=$(git -C "$repo" rev-parse --verify "$rev_b^{commit}")
work="${NMF4J_AB_DIR:-/tmp/nmf4j-ab}"
mkdir -p "$work/jars"

# Builds the benchmarks jar of a commit id (once per id) and prints its path.
build() {
  local sha="$1" jar src
  jar="$work/jars/$sha.jar"
  if [ ! -s "$jar" ]; then
    src=$(mktemp -d "$work/src.XXXXXX")
    git -C "$repo" archive "$sha" | tar -x -C "$src"
    echo "building $sha" >&2
    if ! (cd "$src" && { mvn -B -q -o -pl benchmarks -am package -DskipTests >"$work/build-$sha.log" 2>&1 \
        || mvn -B -q -pl benchmarks -am package -DskipTests >"$work/build-$sha.log" 2>&1; }); then
      echo "build of $sha failed: see $work/build-$sha.log" >&2
      rm -rf "$src"
      return 1
    fi
    cp "$src/benchmarks/target/benchmarks.jar" "$jar"
    rm -rf "$src"
  fi
  echo "$jar"
}

jar_a=$(build "$sha_a")
jar_b=$(build "$sha_b")
run_dir=$(mktemp -d "$work/run.$(date -u +%Y%m%dT%H%M%S).XXXX")
echo "A = $rev_a ($sha_a)" | tee "$run_dir/summary.txt"
echo "B = $rev_b ($sha_b)" | tee -a "$run_dir/summary.txt"
echo "benchmark: $bench $*; $rounds forks each, interleaved; results in $run_dir" \
  | tee -a "$run_dir/summary.txt"

fork() { # label jar round [JMH options...]
  local label="$1" jar="$2" round="$3" extra=() log
  shift 3
  log="$run_dir/$label-$round.log"
  [ -z "$jvm_args" ] || extra=(-jvmArgsAppend "$jvm_args")
  while true; do
    # One benchmark at a time among those who take $NMF4J_BENCH_LOCK (docs/benchmarks.md).
    if flock "$lock" java -jar "$jar" "$bench" -f 1 "${extra[@]}" -rf json \
        -rff "$run_dir/$label-$round.json" "$@" >"$log" 2>&1; then
      return 0
    fi
    # JMH refuses to start while another JMH run holds /tmp/jmh.lock: wait for it.
    grep -q "Unable to acquire the JMH lock" "$log" || break
    sleep 10
  done
  echo "fork $label $round failed: $log" >&2
  exit 1
}
lock="${NMF4J_BENCH_LOCK:-/tmp/nmf4j-bench.lock}"
for r in $(seq 1 "$rounds"); do
  # A B, then B A: each side runs first as often as the other, so a drift in machine speed
  # during the sitting does not favour either.
  if [ $((r % 2)) -eq 1 ]; then order="A B"; else order="B A"; fi
  for side in $order; do
    if [ "$side" = A ]; then jar="$jar_a"; else jar="$jar_b"; fi
    fork "$side" "$jar" "$r" "$@"
    echo "round $r $side done" >&2
  done
done

python3 - "$run_dir" "$rounds" <<'EOF' | tee -a "$run_dir/summary.txt"
import json, statistics, sys
run_dir, rounds = sys.argv[1], int(sys.argv[2])
def scores(side):
    out = {}
    for r in range(1, rounds + 1):
        for b in json.load(open(f"{run_dir}/{side}-{r}.json")):
            key = b["benchmark"].rsplit(".", 2)[-2] + "." + b["benchmark"].rsplit(".", 1)[-1]
            if b.get("params"):
                key += " " + " ".join(f"{k}={v}" for k, v in sorted(b["params"].items()))
            out.setdefault(key, []).append((b["primaryMetric"]["score"], b["primaryMetric"]["scoreUnit"]))
    return out
a, b = scores("A"), scores("B")
for key in a:
    va = [s for s, _ in a[key]]
    vb = [s for s, _ in b.get(key, [])]
    unit = a[key][0][1]
    print(key, f"({unit})")
    print("  A per fork:", " ".join(f"{v:.3f}" for v in va))
    print("  B per fork:", " ".join(f"{v:.3f}" for v in vb))
    if not vb:
        continue
    ma, mb = statistics.median(va), statistics.median(vb)
    print(f"  A median {ma:.3f} (min {min(va):.3f}, max {max(va):.3f})")
    print(f"  B median {mb:.3f} (min {min(vb):.3f}, max {max(vb):.3f})")
    ratios = [y / x for x, y in zip(va, vb)]
    print("  B/A per round:", " ".join(f"{q:.3f}" for q in ratios),
          f"-> median {statistics.median(ratios):.3f}")
EOF
