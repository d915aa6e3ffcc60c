#!/usr/bin/python3
"""The relay for tests/integration/relay_tls_test.sh: a second SMTP server (aiosmtpd) that
requires STARTTLS before anything else and AUTH before MAIL, as a provider's submission
server does, and keeps every message it accepts as a JSON file (whether it came over TLS,
as whom, and its text).

  relay_peer.py CERT KEY USER PASSWORD OUT_DIR   prints "ready PORT" once listening
"""
import json
import os
import signal
import socket
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Keeper:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else ""
        record = {"tls": session.ssl is not None, "user": login, "from": envelope.mail_from,
                  "to": envelope.rcpt_tos, "text": envelope.content.decode("utf-8", "replace")}
        with open(os.path.join(self.out, "message-%d.json" % self.count), "w") as f:
            json.dump(record, f)
        return "250 2.0.0 kept as message %d" % self.count


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() \
            and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return check


def main():
    cert, key, user, password, out = sys.argv[1:6]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Keeper(out), hostname="127.0.0.1", port=port, server_hostname="localhost",
                            tls_context=context, require_starttls=True, auth_required=True,
                            auth_require_tls=True, authenticator=authenticator(user, password))
    controller.start()
    print("ready %d" % port, flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    main()
