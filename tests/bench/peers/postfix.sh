# Postfix as the SMTP peer in the benchmarks: its smtpd on a loopback port, every message
# accepted from loopback and put in the hold queue (fsync'd before the 250, as Postfix
# always does; held, so nothing is delivered anywhere). The machine's Postfix
# configuration is saved first and put back by postfix_stop. Source it; then
#   postfix_start DIR PORT   configures and starts it, waits until it greets
#   postfix_held             messages in the hold queue
#   postfix_stop             stops it, deletes the held messages, restores the configuration
# Needs the Debian package postfix (its smtp-source drives both servers) and root.
POSTFIX_SAVED=""

postfix_start() {
  local dir=$1 port=$2
  mkdir -p "$dir"
  POSTFIX_SAVED=$(cd "$dir" && pwd)/etc-postfix
  rm -rf "$POSTFIX_SAVED"
  cp -a /etc/postfix "$POSTFIX_SAVED"
  postfix stop >/dev/null 2>&1
  postconf -e "inet_interfaces = loopback-only" "inet_protocols = ipv4" "mydestination = localhost" \
    "mynetworks = 127.0.0.0/8" "smtpd_relay_restrictions = permit_mynetworks, reject" \
    "smtpd_end_of_data_restrictions = check_client_access static:HOLD" \
    "default_process_limit = 100" "smtpd_client_connection_count_limit = 100" \
    "smtpd_client_message_rate_limit = 0" "smtpd_client_connection_rate_limit = 0"
  postconf -Me "127.0.0.1:$port/inet=127.0.0.1:$port inet n - n - - smtpd"
  newaliases 2>/dev/null
  postsuper -d ALL hold >/dev/null 2>&1
  postfix start > "$dir/postfix-start.log" 2>&1 || { cat "$dir/postfix-start.log"; return 1; }
  for _ in $(seq 1 100); do
    if exec 9<>/dev/tcp/127.0.0.1/"$port" 2>/dev/null; then
      exec 9<&-
      return 0
    fi
    sleep 0.1
  done
  echo "postfix did not listen on 127.0.0.1:$port"
  return 1
}

postfix_held() { find /var/spool/postfix/hold -type f | wc -l; }

postfix_stop() {
  [ -n "$POSTFIX_SAVED" ] || return 0
  postfix stop >/dev/null 2>&1
  postsuper -d ALL hold >/dev/null 2>&1
  rm -rf /etc/postfix
  cp -a "$POSTFIX_SAVED" /etc/postfix
  POSTFIX_SAVED=""
}
