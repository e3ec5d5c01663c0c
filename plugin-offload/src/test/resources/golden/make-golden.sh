#!/bin/sh
# Reference output for the golden tests, made with standard text tools (grep, sed, awk, iconv)
# independently of the Java readers. Run from this directory; needs no network.
set -e
cd "$(dirname "$0")"
res=..

# ethtool -k: one row per esp-hw-offload line: file, line number, state, fixed marker
for f in "$res"/corpus/ethtool-k*.txt "$res"/fixtures/ethtool-k*.txt; do
  grep -n '^esp-hw-offload:' "$f" | sed 's/^\([0-9]*\):esp-hw-offload: \(on\|off\)\( \[fixed\]\)\{0,1\}.*/\1\t\2\t\3/' \
    | awk -v f="$(basename "$f")" -F'\t' '{ print f "\t" $1 "\t" $2 "\t" ($3 == "" ? "changeable" : "fixed") }'
done > ethtool-esp.tsv

# IPsec counters: file, label, value with digit grouping removed
for f in "$res"/fixtures/netsh-ipsec-dynamic-show-stats__*.txt "$res"/fixtures/ipseccmd-show-stats__*.txt; do
  grep -E '^ *(Confidential Bytes (Sent|Received)|Packets Not Authenticated|Pkts not Authenticated|Bad SPI (Packets|Pkts)) *:? *[0-9]' "$f" \
    | sed -E 's/^ *([A-Za-z ]*[A-Za-z]) *:? *([0-9.,]+) *$/\1\t\2/' | tr -d ',.' \
    | awk -v f="$(basename "$f")" -F'\t' '{ print f "\t" $1 "\t" $2 }'
done > ipsec-counters.tsv

# .reg exports: file, value name, dword as decimal
for f in "$res"/fixtures/*.reg; do
  if [ "$(head -c 2 "$f" | od -An -tx1 | tr -d ' ')" = "fffe" ]; then
    conv() { tail -c +3 "$1" | iconv -f UTF-16LE -t UTF-8; }
  else
    conv() { iconv -f WINDOWS-1252 -t UTF-8 "$1"; }
  fi
  conv "$f" | tr -d '\r' | grep -E '^"[^"]+"=dword:' | while IFS= read -r line; do
    name=$(printf '%s' "$line" | sed -E 's/^"([^"]+)"=dword:.*/\1/')
    hex=$(printf '%s' "$line" | sed -E 's/.*=dword:([0-9a-fA-F]{8}).*/\1/')
    printf '%s\t%s\t%d\n' "$(basename "$f")" "$name" "0x$hex"
  done
done > reg-dwords.tsv
