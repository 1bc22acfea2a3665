#!/bin/bash
# ring: J0(java cpu0) C0(C cpu0) J1(java cpu1) C1(C cpu1)
tag=$1; turns=$2
cd "$(dirname "$0")/../.."  # the repository root
echo J0 > /tmp/bm/turn
taskset -c 0 java -Xmx768m -cp benchmarks/target/benchmarks.jar:/tmp/bm/classes scratch.Phases pingpong J0 C0 $turns > /tmp/bm/pp_${tag}_J0.txt 2>&1 &
taskset -c 1 java -Xmx768m -cp benchmarks/target/benchmarks.jar:/tmp/bm/classes scratch.Phases pingpong J1 C1 $turns > /tmp/bm/pp_${tag}_J1.txt 2>&1 &
cmember() { me=$1; nx=$2; cpu=$3; for t in $(seq 0 $turns); do while [ "$(cat /tmp/bm/turn 2>/dev/null)" != $me ]; do sleep 0.02; done;
  if [ $t -gt 0 ]; then taskset -c $cpu /tmp/bm/l1probe512 0.8 | awk -v me=$me -v t=$t '{l+=$2; f+=$3; n++} END{printf "%s %d 0 C l1=%.3f fma=%.3f\n", me, t, l/n, f/n}'; fi
  echo $nx > /tmp/bm/turn.tmp; mv /tmp/bm/turn.tmp /tmp/bm/turn; done; }
cmember C0 J1 0 > /tmp/bm/pp_${tag}_C0.txt &
cmember C1 J0 1 > /tmp/bm/pp_${tag}_C1.txt &
wait
for t in $(seq 1 $turns); do for m in J0 C0 J1 C1; do grep -h "^$m $t " /tmp/bm/pp_${tag}_$m.txt | awk '{printf "%s/%s %s %s | ", $1, $2, $4, $5}'; done; echo; done
