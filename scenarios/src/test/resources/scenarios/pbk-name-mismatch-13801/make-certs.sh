#!/bin/sh
# Makes the test PKI of this scenario with OpenSSL 3: a root CA, the VPN server's certificate for
# gw2.example.com (the name the clients do NOT dial) and the client's computer certificate, with fixed
# validity (2026-01-01 to 2029-01-01) so the scenario does not age. Run from this folder; it rewrites
# client/client-store and server/server-store. Test keys only.
set -e
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/ca.cnf" <<CNF
[ ca ]
default_ca = test
[ test ]
dir = $work
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[ any ]
commonName = supplied
organizationName = optional
countryName = optional
[ root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ server ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, 1.3.6.1.5.5.8.2.2
subjectAltName = DNS:gw2.example.com
authorityKeyIdentifier = keyid
[ client ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, 1.3.6.1.5.5.8.2.2
subjectAltName = DNS:client01.corp.example
authorityKeyIdentifier = keyid
CNF
: > "$work/index.txt"
echo 1000 > "$work/serial"
sign() { # name subject extensions
  openssl req -new -newkey rsa:2048 -nodes -keyout "$work/$1.key" -subj "$2" -out "$work/$1.csr" 2>/dev/null
  openssl ca -batch -config "$work/ca.cnf" -cert "$work/ca.crt" -keyfile "$work/ca.key" -in "$work/$1.csr" \
    -out "$work/$1.crt" -extensions "$3" -startdate 20260101000000Z -enddate 20290101000000Z -notext 2>/dev/null
}
openssl req -new -newkey rsa:2048 -nodes -keyout "$work/ca.key" -subj "/O=Example Corp/CN=Example Corp Root CA" -out "$work/ca.csr" 2>/dev/null
openssl ca -batch -selfsign -config "$work/ca.cnf" -keyfile "$work/ca.key" -in "$work/ca.csr" -out "$work/ca.crt" \
  -extensions root -startdate 20260101000000Z -enddate 20290101000000Z -notext 2>/dev/null
sign server "/O=Example Corp/CN=gw2.example.com" server
sign client "/O=Example Corp/CN=client01.corp.example" client
rm -rf client/client-store server/server-store
mkdir -p client/client-store/cacerts client/client-store/certs client/client-store/private \
  server/server-store/cacerts server/server-store/certs server/server-store/private
cp "$work/ca.crt" client/client-store/cacerts/ca.crt
cp "$work/ca.crt" server/server-store/cacerts/ca.crt
cp "$work/client.crt" client/client-store/certs/client.crt
cp "$work/client.key" client/client-store/private/client.key
cp "$work/server.crt" server/server-store/certs/server.crt
cp "$work/server.key" server/server-store/private/server.key
