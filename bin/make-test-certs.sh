#!/usr/bin/env bash
# Makes a throw-away PKI for trying TLS locally: a CA, a broker certificate for localhost (and any extra
# host names given), and a client certificate, as PEM files and PKCS12 stores. Not for production.
#
#   bin/make-test-certs.sh [output-dir] [extra-hostname ...]
#
# Output (password of every store: $STORE_PASSWORD, default "changeit"):
#   ca.pem                      the CA certificate (ssl.truststore.certificates / a PEM truststore)
#   truststore.p12              PKCS12 truststore holding the CA
#   broker.p12, broker.pem      the broker's key and chain (keystore), broker.pem = key + chain for ssl.keystore.type=PEM
#   client.p12, client.pem      a client certificate (CN=client-1,OU=apps,O=Tributary) for mutual TLS
set -euo pipefail

OUT="${1:-./certs}"
shift || true
PASS="${STORE_PASSWORD:-changeit}"
DAYS="${CERT_DAYS:-365}"
mkdir -p "$OUT"
cd "$OUT"

SAN="DNS:localhost,IP:127.0.0.1"
for host in "$@"; do
  SAN="$SAN,DNS:$host"
done

# The certificate authority.
openssl req -x509 -newkey rsa:2048 -nodes -days "$DAYS" -subj "/CN=Tributary Test CA" \
  -keyout ca.key -out ca.pem 2>/dev/null

issue() { # name subject [san]
  local name="$1" subject="$2" san="${3:-}"
  openssl req -newkey rsa:2048 -nodes -subj "$subject" -keyout "$name.key" -out "$name.csr" 2>/dev/null
  local ext
  ext="$(mktemp)"
  echo "basicConstraints=CA:FALSE" > "$ext"
  if [ -n "$san" ]; then echo "subjectAltName=$san" >> "$ext"; fi
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days "$DAYS" \
    -extfile "$ext" -out "$name.crt" 2>/dev/null
  rm -f "$ext" "$name.csr"
  # PKCS#8 key followed by the chain: what ssl.keystore.type=PEM reads from ssl.keystore.location
  openssl pkcs8 -topk8 -nocrypt -in "$name.key" -out "$name.pk8"
  cat "$name.pk8" "$name.crt" ca.pem > "$name.pem"
  openssl pkcs12 -export -name "$name" -inkey "$name.key" -in "$name.crt" -certfile ca.pem \
    -passout "pass:$PASS" -out "$name.p12"
  rm -f "$name.pk8"
}

issue broker "/CN=localhost/O=Tributary" "$SAN"
issue client "/CN=client-1/OU=apps/O=Tributary"

rm -f truststore.p12
keytool -importcert -noprompt -alias ca -file ca.pem -keystore truststore.p12 -storetype PKCS12 \
  -storepass "$PASS" >/dev/null 2>&1

echo "Wrote CA, broker and client certificates to $(pwd) (store password: $PASS)"
