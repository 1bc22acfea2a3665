#!/usr/bin/env bash
# The open targets of issues 12, 15 and 18 in one sitting, nmf4j and the peer alternated
# (docs/benchmarks.md, "The closing sitting"); ISSUE13=1 adds the rows of issue 13 (resolved:
# mini-batch, Itakura-Saito, penalties). Meaningful only on a quiet machine. From the
# repository root, after:
#   mvn -B -DskipTests package
#   /usr/bin/python3 benchmarks/python/nmf_options_sklearn.py fashion benchmarks/data/fashion.npy 0
#   /usr/bin/python3 benchmarks/python/nmf_options_sklearn.py fashion benchmarks/data/fashion1.npy 1
#   /usr/bin/python3 docs/topics/make_foldoc_tfidf.py bench benchmarks/data
# Usage: [ISSUE13=1] benchmarks/targets-sitting.sh [CYCLES]
set -u
CYCLES=${1:-2}
FASHION=${FASHION:-benchmarks/data/fashion.npy}
FASHION1=${FASHION1:-benchmarks/data/fashion1.npy}
J=benchmarks/target/benchmarks.jar
VEC="--add-modules jdk.incubator.vector"
P=/usr/bin/python3
ISSUE13=${ISSUE13:-0}
START=$(mktemp -d)
log() { echo "== $(date -u +%T) load $(cut -d' ' -f1 /proc/loadavg) :: $*"; }
q() { grep -v -E "WARNING|INFO: nmf4j|KernelChoice" ; }
log "main at $(git rev-parse --short HEAD)"
for cycle in $(seq "$CYCLES"); do
  log "cycle $cycle"
  if [ "$ISSUE13" = 1 ]; then
    log "#13 mini-batch rank 20, 2 threads wall (nmf4j 24 passes, scikit-learn default)"
    java -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.OptionsCpuTime minibatch "$FASHION" 20 2 24 wall 2 | q
    java $VEC -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.OptionsCpuTime minibatch "$FASHION" 20 2 24 wall 2 2>&1 | q
    OPENBLAS_NUM_THREADS=2 $P benchmarks/python/nmf_options_sklearn.py minibatch "$FASHION" 20 2 0 wall
  fi
  log "#18 one HALS iteration, faces rank 16, 2 threads wall: scalar, Vector API, scikit-learn cd"
  java -Xmx1g -cp $J io.github.nmf4j.benchmarks.nmf.IterationCpuTime faces 16 hals 5 205 9 wall 2 | q
  java $VEC -Xmx1g -cp $J io.github.nmf4j.benchmarks.nmf.IterationCpuTime faces 16 hals 5 205 9 wall 2 2>&1 | q
  $P benchmarks/python/iteration_sklearn.py faces 16 cd 5 205 9 wall 2
  log "#18 HALS time to cd's 200-iteration error, faces, 2 threads: scikit-learn, nmf4j (own start, both paths), nmf4j from scikit-learn's start"
  OPENBLAS_NUM_THREADS=2 $P benchmarks/python/hals_sklearn.py 5 faces "$START"
  java -Xmx1g -cp $J io.github.nmf4j.benchmarks.nmf.HalsDriver faces 0.1904688735 5 2 | q
  java $VEC -Xmx1g -cp $J io.github.nmf4j.benchmarks.nmf.HalsDriver faces 0.1904688735 5 2 2>&1 | q
  java -Xmx1g -cp $J io.github.nmf4j.benchmarks.nmf.HalsDriver faces 0.1904688735 5 2 "$START" | q
  log "#18 MU iteration 70000 x 784 rank 225, 2 threads wall"
  java -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.IterationCpuTime mnist 225 mu 1 3 3 wall 2 | q
  java $VEC -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.IterationCpuTime mnist 225 mu 1 3 3 wall 2 2>&1 | q
  $P benchmarks/python/iteration_sklearn.py mnist 225 mu 1 3 3 wall 2
  # two untimed fits first: the first fit of a JVM shares the cores with the JIT compiler
  log "#12 sparse FOLDOC rank 20, all cores wall: nmf4j mu, scikit-learn mu and cd, nmf4j hals"
  java -Xmx2g -cp core/target/classes benchmarks/sparse/SparseNmfBench.java --warmup=2 --runs=5 \
      mu 2>&1 | q
  $P benchmarks/sparse/sparse_nmf_sklearn.py mu cd
  java -Xmx2g -cp core/target/classes benchmarks/sparse/SparseNmfBench.java --warmup=2 --runs=5 \
      hals 105.4109184 2>&1 | q
done
log "#18 square GEMM n = 1024, 2 threads"
java -jar $J 'MultiplyBenchmark.blockedAllThreads' -p n=1024 -wi 3 -i 5 -w 1 -r 1 -f 1 2>&1 | grep -E "^MultiplyBenchmark|Benchmark "
java $VEC -jar $J 'MultiplyBenchmark.blockedAllThreads' -p n=1024 -wi 3 -i 5 -w 1 -r 1 -f 1 2>&1 | grep -E "^MultiplyBenchmark|Benchmark "
OPENBLAS_NUM_THREADS=2 $P benchmarks/python/gemm_numpy.py
log "#18 MU iteration rank 20, 2 threads"
java -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.IterationCpuTime mnist 20 mu 1 6 3 wall 2 | q
$P benchmarks/python/iteration_sklearn.py mnist 20 mu 1 6 3 wall 2
if [ "$ISSUE13" = 1 ]; then
  log "#13 Itakura-Saito MU iteration, (pixel + 1) / 256, one thread, CPU: scalar, Vector API, scikit-learn"
  for cycle in $(seq "$CYCLES"); do
    java -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.OptionsCpuTime iteration "$FASHION1" 20 0 1 3 3 | q
    java $VEC -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.OptionsCpuTime iteration "$FASHION1" 20 0 1 3 3 2>&1 | q
    OPENBLAS_NUM_THREADS=1 $P benchmarks/python/nmf_options_sklearn.py iteration "$FASHION1" 20 0 1 3 3
  done
  log "#13 penalized / plain per iteration (alphaW 0.01, l1Ratio 0.5), one thread, CPU: MU Frobenius, MU KL, HALS"
  java -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.OptionsCpuTime penalty "$FASHION" 20 mu 2 1 4 6 | q
  java -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.OptionsCpuTime penalty "$FASHION" 20 mu 1 1 4 6 | q
  java -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.OptionsCpuTime penalty "$FASHION" 20 hals 2 1 4 6 | q
  log "#13 mini-batch, one thread, CPU"
  java -Xmx4g -cp $J io.github.nmf4j.benchmarks.nmf.OptionsCpuTime minibatch "$FASHION" 20 2 24 | q
  OPENBLAS_NUM_THREADS=1 $P benchmarks/python/nmf_options_sklearn.py minibatch "$FASHION" 20 2 0
fi
log "#15 masked / full per iteration, one thread, CPU"
for s in hals mu kl; do
  java -Xmx2g -cp $J io.github.nmf4j.benchmarks.nmf.MissingValuesCpuTime 20 $s 0.2 20 120 9 | q
done
rm -rf "$START"
log done
