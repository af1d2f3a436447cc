# Sourced by run.sh: BENCH_SECURITY (the clients' listener: PLAINTEXT, SSL or SASL_SSL with SCRAM-SHA-512) and
# BENCH_ACLS (the authorizer on, with that many ACLs). Both brokers get the same listener settings, certificates,
# users and ACLs; the clients the same config file (CLIENT_CONFIG, the perf tools' --command-config).

SECURITY="${BENCH_SECURITY:-PLAINTEXT}"
ACL_COUNT="${BENCH_ACLS:-0}"
CERT_DIR="$WORK_DIR/certs"
STORE_PASSWORD=changeit
SCRAM_USER=bench
SCRAM_PASSWORD=bench-secret
SCRAM_CREDENTIAL="SCRAM-SHA-512=[name=$SCRAM_USER,password=$SCRAM_PASSWORD]"
# The principals of the broker and client certificates (set by prepare_security): the brokers' own connections and
# the ACL admin. The bench's clients are neither, so the ACLs decide for them.
SUPER_USERS=""
CLIENT_CONFIG=""
ADMIN_CONFIG=""

tls_needed() {
  [[ "$SECURITY" == *SSL ]] || (( ACL_COUNT > 0 ))
}

# The principal the bench's clients authenticate as, which the ACLs are for.
bench_principal() {
  if [[ "$SECURITY" == SASL_SSL ]]; then echo "User:$SCRAM_USER"; else echo "User:ANONYMOUS"; fi
}

# Once per run: checks the options, makes the certificates (once into bench/work/certs with the project's own
# script) and writes the clients' config files.
prepare_security() {
  case "$SECURITY" in PLAINTEXT|SSL|SASL_SSL) ;; *) die "BENCH_SECURITY must be PLAINTEXT, SSL or SASL_SSL" ;; esac
  [[ "$ACL_COUNT" =~ ^[0-9]+$ ]] || die "BENCH_ACLS must be a number"
  if tls_needed && [[ ! -f "$CERT_DIR/truststore.p12" ]]; then
    log "making test certificates in $CERT_DIR (bin/make-test-certs.sh)"
    STORE_PASSWORD="$STORE_PASSWORD" "$REPO_ROOT/bin/make-test-certs.sh" "$CERT_DIR" >/dev/null \
      || die "bin/make-test-certs.sh failed"
  fi
  if tls_needed; then
    SUPER_USERS="$(certificate_principal broker);$(certificate_principal client)"
  fi
  CLIENT_CONFIG="$RUN_DIR/conf/client.properties"
  {
    echo "security.protocol=$SECURITY"
    [[ "$SECURITY" == *SSL ]] && write_truststore_properties ""
    if [[ "$SECURITY" == SASL_SSL ]]; then
      echo "sasl.mechanism=SCRAM-SHA-512"
      echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required" \
           "username=\"$SCRAM_USER\" password=\"$SCRAM_PASSWORD\";"
    fi
  } >"$CLIENT_CONFIG"
  if (( ACL_COUNT > 0 )); then
    ADMIN_CONFIG="$RUN_DIR/conf/admin.properties"
    {
      echo "security.protocol=SSL"
      write_truststore_properties ""
      echo "ssl.keystore.type=PKCS12"
      echo "ssl.keystore.location=$CERT_DIR/client.p12"
      echo "ssl.keystore.password=$STORE_PASSWORD"
    } >"$ADMIN_CONFIG"
  fi
  return 0
}

# Kafka's default principal of a certificate: its subject in RFC 2253 form (make-test-certs.sh's subjects come out
# last RDN first, e.g. User:O=Tributary,OU=apps,CN=client-1).
certificate_principal() {
  echo "User:$(openssl x509 -in "$CERT_DIR/$1.crt" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')"
}

write_truststore_properties() {
  local prefix="$1"
  echo "${prefix}ssl.truststore.type=PKCS12"
  echo "${prefix}ssl.truststore.location=$CERT_DIR/truststore.p12"
  echo "${prefix}ssl.truststore.password=$STORE_PASSWORD"
}

# The listener settings both brokers get. The clients' listener is named after its protocol. With ACLs an ADMIN
# listener (TLS, client certificate required, port +100) is where the ACLs are created from and the brokers' own
# connections go, as super users. Usage: write_listener_properties FILE EXTRA_LISTENER EXTRA_MAP_ENTRY
write_listener_properties() {
  local file="$1" extra_listener="$2" extra_map="$3"
  local listeners="$SECURITY://127.0.0.1:$BROKER_PORT" map="$SECURITY:$SECURITY" inter="$SECURITY"
  if (( ACL_COUNT > 0 )); then
    listeners="$listeners,ADMIN://127.0.0.1:$ADMIN_PORT"
    map="$map,ADMIN:SSL"
    inter=ADMIN
  fi
  {
    echo "advertised.listeners=$listeners"
    echo "listeners=$listeners${extra_listener:+,$extra_listener}"
    echo "listener.security.protocol.map=$map${extra_map:+,$extra_map}"
    echo "inter.broker.listener.name=$inter"
    if tls_needed; then
      echo "ssl.keystore.type=PKCS12"
      echo "ssl.keystore.location=$CERT_DIR/broker.p12"
      echo "ssl.keystore.password=$STORE_PASSWORD"
      write_truststore_properties ""
    fi
    if [[ "$SECURITY" == SASL_SSL ]]; then
      echo "sasl.enabled.mechanisms=SCRAM-SHA-512"
      echo "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512"
      echo "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule" \
           "required username=\"$SCRAM_USER\" password=\"$SCRAM_PASSWORD\";"
    fi
    if (( ACL_COUNT > 0 )); then
      echo "listener.name.admin.ssl.client.auth=required"
      echo "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer"
      echo "super.users=$SUPER_USERS"
    fi
  } >>"$file"
}

# Kafka's KRaft controller listener: plaintext, or with ACLs TLS with client certificates, so that the broker's
# registration and heartbeats come from a super user (User:ANONYMOUS is the bench's client there).
kafka_controller_protocol() {
  if (( ACL_COUNT > 0 )); then echo SSL; else echo PLAINTEXT; fi
}

# With BENCH_ACLS: the ACLs, through the ADMIN listener, before any workload. Returns non-zero on failure.
create_acls() {
  local run="$1"
  (( ACL_COUNT > 0 )) || return 0
  local started
  started="$(now_ms)"
  log "$run: creating $ACL_COUNT ACLs (bench principal $(bench_principal), not a super user)"
  if ! java -Xmx512m -cp "$BENCH_JAR" io.tributary.bench.tools.AclSetup "127.0.0.1:$ADMIN_PORT" "$ADMIN_CONFIG" \
      "$ACL_COUNT" "$(bench_principal)" bench- bench-consumer- "$BOOTSTRAP" "$CLIENT_CONFIG" \
      >>"$RUN_DIR/logs/$run-acls.log" 2>&1; then
    fail_figure "$run" acls "creating the ACLs failed: $(first_error "$RUN_DIR/logs/$run-acls.log") (logs/$run-acls.log)"
    return 1
  fi
  figure "$run.acls.count" "$ACL_COUNT"
  figure "$run.acls.create_ms" "$(( $(now_ms) - started ))"
}
