#!/bin/sh
# Writes the peer pairs tshark sees exchanging IKE or ESP in each capture here, one "a b" line per
# pair (lower address first) with its packet count: the attempts vpndiag must find.
# Made with TShark 4.0.17 (Debian bookworm).
cd "$(dirname "$0")"
for f in *.pcap; do
  tshark -r "$f" -Y "isakmp or esp" -T fields -e ip.src -e ip.dst 2>/dev/null \
    | awk '{ if ($1 < $2) print $1" "$2; else print $2" "$1 }' | sort | uniq -c \
    | awk '{ print $2" "$3" "$1 }' > "$f.pairs"
done
