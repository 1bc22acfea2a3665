#!/bin/bash
cd /tmp/bm
taskset -c ${PROBECPU:-0} ./l1probe 48 > smt_probe.txt &
p=$!
t0=$(date +%s.%N)
for m in off fma off l2 off spin off fma off l2 off spin off fma off l2; do
  s=$(echo "$(date +%s.%N) - $t0" | bc)
  if [ $m = off ]; then sleep 3; else taskset -c ${BURNCPU:-1} ./burn $m 3 > /dev/null; fi
  e=$(echo "$(date +%s.%N) - $t0" | bc)
  echo "$m $s $e"
done > smt_sched.txt
wait $p
python3 - <<'PY'
sched=[l.split() for l in open('/tmp/bm/smt_sched.txt')]
rows=[list(map(float,l.split())) for l in open('/tmp/bm/smt_probe.txt')]
import statistics as st
agg={}
for m,s,e in sched:
    s=float(s)+0.2; e=float(e)-0.1
    sel=[r for r in rows if s<=r[0]<=e]
    agg.setdefault(m,[]).extend(sel)
for m,v in agg.items():
    print(m, len(v), 'l1 ms %.3f' % st.median([r[1] for r in v]), 'fma-chain ms %.3f' % st.median([r[2] for r in v]))
PY
