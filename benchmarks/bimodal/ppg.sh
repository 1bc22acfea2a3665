#!/bin/bash
# ppg.sh TAG TURNS "cmd A" "cmd B" ... : ring, each member's command prefix (java + flags)
tag=$1; turns=$2; shift 2
cd "$(dirname "$0")/../.."  # the repository root
ids=(A B C D E F); n=$#; i=0
echo A > /tmp/bm/turn
for cmd in "$@"; do me=${ids[$i]}; nx=${ids[$(((i+1)%n))]};
  $cmd -Xmx768m -XX:-UseCompressedOops -cp benchmarks/target/benchmarks.jar:/tmp/bm/classes scratch.Phases pingpong $me $nx $turns > /tmp/bm/pp_${tag}_$me.txt 2>&1 &
  i=$((i+1)); done
wait
for t in $(seq 1 $turns); do for ((j=0;j<n;j++)); do m=${ids[$j]}; grep -h "^$m $t " /tmp/bm/pp_${tag}_$m.txt | awk '{printf "%s%s %s %s | ", $1, $2, $4, $5}'; done; echo; done
