# Kamailio as the SIP peer in the benchmarks: a user agent server that answers every
# INVITE and BYE with 200 from the transaction module (t_reply), absorbs ACKs, and, with
# MODE=acc, writes an accounting row per INVITE and per BYE to an SQLite file through the
# acc module (db_sqlite), as a server that keeps a durable record of each call does. One
# UDP worker (children=1), like Frontline's one network thread. Source it; then
#   kamailio_start DIR PORT MODE   (MODE: acc | none) starts it and waits until it answers
#   kamailio_rows DIR              accounting rows written (INVITE + BYE)
#   kamailio_stop
# Needs the Debian packages kamailio and kamailio-sqlite-modules (scripts/bench installs them).
KAMAILIO_PID=""

kamailio_start() {
  local dir=$1 port=$2 mode=$3
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  rm -f "$dir/acc.db"
  local acc_modules="" acc_flag=""
  if [ "$mode" = acc ]; then
    sqlite3 "$dir/acc.db" "CREATE TABLE version (table_name VARCHAR(32) NOT NULL, table_version INTEGER DEFAULT 0 NOT NULL);"
    # Kamailio's own acc schema; the INVITE row has no To tag yet, which acc writes as NULL.
    sed 's/to_tag VARCHAR(128) DEFAULT .. NOT NULL/to_tag VARCHAR(128)/' /usr/share/kamailio/db_sqlite/acc-create.sql |
      sqlite3 "$dir/acc.db"
    acc_modules="loadmodule \"db_sqlite.so\"
loadmodule \"acc.so\"
modparam(\"acc\", \"db_url\", \"sqlite://$dir/acc.db\")
modparam(\"acc\", \"db_flag\", 1)"
    acc_flag="setflag(1);"
  fi
  cat > "$dir/kamailio.cfg" <<CFG
#!KAMAILIO
debug=1
log_stderror=yes
fork=yes
children=1
disable_tcp=yes
listen=udp:127.0.0.1:$port
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
$acc_modules
request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (is_method("ACK")) { t_check_trans(); exit; }
  if (is_method("INVITE|BYE")) {
    $acc_flag
    t_newtran();
    t_reply("200", "OK");
    exit;
  }
  sl_send_reply("405", "Method Not Allowed");
}
CFG
  KAMAILIO_CFG="$dir/kamailio.cfg"
  kamailio -f "$dir/kamailio.cfg" -DD -E -P "$dir/kamailio.pid" > "$dir/kamailio.log" 2>&1 &
  KAMAILIO_PID=$!
  # Ready when it answers an OPTIONS (405 here): SIPp's built-in "options" sender, one call.
  for _ in $(seq 1 50); do
    if timeout 5 sipp 127.0.0.1:"$port" -sn uac -i 127.0.0.1 -p 0 -nostdin -m 1 -timeout 3 -timeout_error \
      > "$dir/kamailio-probe.out" 2>&1; then
      return 0
    fi
    kill -0 "$KAMAILIO_PID" 2>/dev/null || { echo "kamailio did not start:"; tail -20 "$dir/kamailio.log"; return 1; }
  done
  echo "kamailio did not answer:"
  tail -20 "$dir/kamailio.log"
  return 1
}

kamailio_rows() { sqlite3 "$1/acc.db" "SELECT COUNT(*) FROM acc" 2>/dev/null || echo 0; }

kamailio_stop() {
  [ -n "$KAMAILIO_PID" ] || return 0
  kill "$KAMAILIO_PID" 2>/dev/null
  # Its workers sometimes outlive the main process's "Thank you for flying": 10 s, then -9.
  for _ in $(seq 1 100); do kill -0 "$KAMAILIO_PID" 2>/dev/null || break; sleep 0.1; done
  pkill -9 -f "kamailio -f $KAMAILIO_CFG" 2>/dev/null
  wait "$KAMAILIO_PID" 2>/dev/null
  KAMAILIO_PID=""
}
