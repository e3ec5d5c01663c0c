#!/bin/sh
# Reference output for the corpus certificates: SHA-1 fingerprint and subject of every certificate,
# as openssl prints them. Run from plugin-certs/: sh src/test/resources/golden/make-golden.sh
set -e
cd src/test/resources
out=golden/openssl-fingerprints.txt
: > $out
for f in corpus/*.pem corpus/*.crt lab/*/*-store/*/*.crt; do
  openssl crl2pkcs7 -nocrl -certfile "$f" 2>/dev/null | openssl pkcs7 -print_certs 2>/dev/null \
    | awk '/BEGIN CERT/{c=""} {c=c $0 "\n"} /END CERT/{print c > "/tmp/one.pem"; close("/tmp/one.pem"); system("openssl x509 -in /tmp/one.pem -noout -fingerprint -sha1 | sed \"s/.*=//;s/://g;s|^|'"$f"' |\"")}' >> $out
done
for f in corpus/*.der; do
  openssl x509 -inform DER -in "$f" -noout -fingerprint -sha1 2>/dev/null | sed "s/.*=//;s/://g;s|^|$f |" >> $out || true
done
for p in "corpus/netty__mutual_auth_client.p12 example" "corpus/netty__mutual_auth_server.p12 example" "corpus/netty__rsaValidations-server-keystore.p12 password"; do
  set -- $p
  openssl pkcs12 -legacy -in "$1" -passin pass:"$2" -nokeys 2>/dev/null | awk '/BEGIN CERT/{c=""} {c=c $0 "\n"} /END CERT/{print c > "/tmp/one.pem"; close("/tmp/one.pem"); system("openssl x509 -in /tmp/one.pem -noout -fingerprint -sha1 | sed \"s/.*=//;s/://g;s|^|'"$1"' |\"")}' >> $out
done
sort -o $out $out
