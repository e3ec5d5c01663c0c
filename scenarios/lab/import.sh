#!/bin/bash
# import.sh - copies lab bundles into the scenario suite, trimmed to what a troubleshooter collects.
# Usage: scenarios/lab/import.sh LAB_OUT [scenario ...]     (default: every bundle in LAB_OUT)
# Kept: the client-* and server-* captures, logs, status outputs and certificate stores, and the
# lab's LABEL.json (ground truth, never read as evidence). Left out: groundtruth/ (configs, router
# rulesets, verification output) and client-tun-inner.pcap (a view inside the client's IPsec
# stack that a Windows client cannot give; the outer captures and logs must suffice).
set -euo pipefail
SRC=${1:?usage: import.sh LAB_OUT [scenario ...]}; shift
DEST=$(cd "$(dirname "$0")/.." && pwd)/src/test/resources/lab
LIST=${*:-$(ls "$SRC")}
for s in $LIST; do
  b=$SRC/$s
  [ -f "$b/LABEL.json" ] || { echo "skip $s: no LABEL.json" >&2; continue; }
  rm -rf "${DEST:?}/$s"; mkdir -p "$DEST/$s"
  for f in "$b"/client-* "$b"/server-*; do
    [ -e "$f" ] || continue
    case "$(basename "$f")" in client-tun-inner.pcap) continue ;; esac
    cp -r "$f" "$DEST/$s/"
  done
  python3 - "$b/LABEL.json" "$DEST/$s/LABEL.json" <<'PY'
import json, sys
label = json.load(open(sys.argv[1]))
for k in ("files", "hide_from_engine", "duration_s"):
    label.pop(k, None)
json.dump(label, open(sys.argv[2], "w"), indent=2)
open(sys.argv[2], "a").write("\n")
PY
  echo "imported $s"
done
