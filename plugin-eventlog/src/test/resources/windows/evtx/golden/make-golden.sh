#!/bin/sh
# Regenerates the reference output for every EVTX sample with libyal evtxexport
# (Debian package libevtx-utils, version 20181227): text format, allocated records only,
# gzip-compressed. Usage: make-golden.sh CORPUS_DIR   (writes NAME.evtx.txt.gz next to this script)
set -eu
corpus=${1:?corpus directory}
here=$(cd "$(dirname "$0")" && pwd)
for f in "$corpus"/*.evtx; do
  name=$(basename "$f")
  # exit status 1 is expected for samples the reference cannot read; keep what it printed
  { evtxexport -f text "$f" 2>/dev/null || echo "# evtxexport exit status $?"; } | gzip -9n > "$here/$name.txt.gz"
done
