#!/bin/sh
# Regenerates the per-frame reference output for every capture under ../corpus with tshark.
# Usage: sh make-golden.sh   (from any directory; needs tshark 4.0 or later on PATH)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/../corpus"
cd "$corpus"
find . -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) | sort | while read -r f; do
  rel=${f#./}
  out="$here/$rel.tsv"
  mkdir -p "$(dirname "$out")"
  tshark -n -r "$rel" -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, \
    -e frame.number -e ip.src -e ip.dst -e ipv6.src -e ipv6.dst -e udp.srcport -e udp.dstport \
    -e isakmp.exchangetype -e isakmp.ispi -e isakmp.rspi -e isakmp.messageid -e isakmp.notify.msgtype \
    -e esp.spi -e esp.sequence -e l2tp.avp.message_type -e ppp.protocol -e ppp.code \
    -e pap.code -e chap.code -e eap.code -e icmp.type -e icmp.code \
    > "$out" 2>/dev/null || echo "tshark exit $? on $rel" >&2
done
