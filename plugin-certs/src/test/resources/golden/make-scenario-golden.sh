#!/bin/sh
# Reference verdicts for the generated certificate scenarios (ScenarioCertificates), from openssl.
# The scenarios are written by the tests: run from plugin-certs/ after
#   mvn -B -pl plugin-certs test -Dtest=ScenarioTest
# then: sh src/test/resources/golden/make-scenario-golden.sh
#
# Per scenario:
#   side   = openssl verify code with only what the validating side holds
#            (-CAfile its roots, -untrusted its intermediates)
#   all    = the same, with the holder's CA certificates added as untrusted certificates
#   key    = whether the holder's PEM private key belongs to the certificate (yes/no), or,
#            for a PKCS#12 file, how many private keys it holds (p12-keys=N)
# Codes are openssl's X509_V_ERR numbers; 0 = OK.
set -e
dir=target/scenarios
out=src/test/resources/golden/openssl-verify.txt
{
  echo "# $(openssl version | cut -d' ' -f1-2); scenarios from ScenarioCertificates; see make-scenario-golden.sh"
  for d in "$dir"/*/; do
    name=$(basename "$d")
    purpose=$(sed -n 's/^purpose=//p' "$d/case.properties")
    attime=$(sed -n 's/^attime=//p' "$d/case.properties")
    code() {
      r=$(openssl verify -attime "$attime" -purpose "$purpose" -CAfile "$d/validator/roots.pem" "$@" "$d/holder/leaf.pem" 2>&1 || true)
      c=$(printf '%s\n' "$r" | sed -n 's/^error \([0-9]*\) at .*/\1/p' | head -1)
      if [ -z "$c" ]; then
        printf '%s\n' "$r" | grep -q ': OK$' && c=0 || c=unknown
      fi
      echo "$c"
    }
    side_args=""
    [ -f "$d/validator/intermediates.pem" ] && side_args="-untrusted $d/validator/intermediates.pem"
    all_args="$side_args"
    [ -f "$d/holder/chain.pem" ] && all_args="$all_args -untrusted $d/holder/chain.pem"
    # shellcheck disable=SC2086
    side=$(code $side_args)
    # shellcheck disable=SC2086
    all=$(code $all_args)
    if [ -f "$d/holder/leaf.key" ]; then
      a=$(openssl x509 -in "$d/holder/leaf.pem" -noout -pubkey)
      b=$(openssl pkey -in "$d/holder/leaf.key" -pubout)
      [ "$a" = "$b" ] && key=key=yes || key=key=no
    else
      n=$(openssl pkcs12 -in "$d/holder/leaf.p12" -passin pass:scenario -nocerts -nodes 2>/dev/null | grep -c 'BEGIN.*PRIVATE KEY' || true)
      key=p12-keys=$n
    fi
    echo "$name side=$side all=$all $key"
  done
} > "$out"
cat "$out"
