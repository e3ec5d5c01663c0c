#!/bin/sh
# Certificate stores for a time fixture, made with openssl as the lab makes its own, but with fixed
# dates: the lab's root CA and gateway certificate valid throughout, the client certificate valid from
# 2024-12-03 15:38:30 to 2025-12-03 15:38:30 UTC (the dates of the lab's expired client certificate).
set -eu
OUT=$(cd "$1" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
mkdir -p newcerts && : > index.txt && echo 1000 > serial
cat > ca.cnf <<'CNF'
[ca]
default_ca = lab
[lab]
dir = .
database = index.txt
new_certs_dir = newcerts
serial = serial
default_md = sha256
policy = any
unique_subject = no
preserve = yes
copy_extensions = none
[any]
countryName = optional
organizationName = optional
commonName = supplied
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = CA:false
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, 1.3.6.1.5.5.8.2.2
subjectAltName = DNS:vpn.lab.example
authorityKeyIdentifier = keyid
[client]
basicConstraints = CA:false
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectAltName = DNS:client01.lab.example
authorityKeyIdentifier = keyid
CNF
openssl req -new -newkey rsa:2048 -nodes -keyout ca.key -subj "/C=XX/O=L2TP Lab/CN=L2TP Lab Root CA" -out ca.csr 2>/dev/null
openssl ca -batch -config ca.cnf -selfsign -keyfile ca.key -in ca.csr -extensions root -startdate 20241201000000Z -enddate 20361201000000Z -out ca.crt 2>/dev/null
for who in server client; do
  cn=$([ $who = server ] && echo vpn.lab.example || echo client01.lab.example)
  openssl req -new -newkey rsa:2048 -nodes -keyout $who.key -subj "/C=XX/O=L2TP Lab/CN=$cn" -out $who.csr 2>/dev/null
done
openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in server.csr -extensions server -startdate 20241202000000Z -enddate 20281202000000Z -out server.crt 2>/dev/null
openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in client.csr -extensions client -startdate 20241203153830Z -enddate 20251203153830Z -out client.crt 2>/dev/null
for side in client server; do
  mkdir -p "$OUT/$side-store/cacerts" "$OUT/$side-store/certs"
  openssl x509 -in ca.crt -out "$OUT/$side-store/cacerts/ca.crt"
  openssl x509 -in $side.crt -out "$OUT/$side-store/certs/$side.crt"
done
