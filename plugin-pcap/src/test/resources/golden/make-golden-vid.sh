#!/bin/sh
# Regenerates the per-frame ISAKMP vendor ids (bytes and tshark's name for them) for every
# capture under ../corpus that holds ISAKMP, with tshark, into vid/<capture>.tsv.
# Usage: sh make-golden-vid.sh   (from any directory; needs tshark 4.0 or later on PATH)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/../corpus"
cd "$corpus"
find . -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) | sort | while read -r f; do
  rel=${f#./}
  out="$here/vid/$rel.tsv"
  rows=$(tshark -n -r "$rel" -Y isakmp.vid_bytes -T fields -E separator=/t -E occurrence=a -E aggregator=';' \
    -e frame.number -e isakmp.vid_bytes -e isakmp.vid_string 2>/dev/null || true)
  if [ -n "$rows" ]; then
    mkdir -p "$(dirname "$out")"
    printf 'frame.number\tisakmp.vid_bytes\tisakmp.vid_string\n%s\n' "$rows" > "$out"
  fi
done
