#!/usr/bin/python3
"""A loopback SMTP server for tests: stores every accepted message as a .eml file.

Run with Debian's interpreter (/usr/bin/python3, which has python3-aiosmtpd):

  /usr/bin/python3 scripts/smtp-sink/smtp_sink.py --dir OUT --ready-file OUT/port

It listens on 127.0.0.1 on a port chosen by the kernel and writes that port to the ready
file once it accepts connections. For each message it writes NNNNNN.json (envelope sender,
recipients, login) and then NNNNNN.eml (the raw message, CRLF line endings); the .eml appears
last and atomically, so a reader that sees it can also read the .json.

Faults, to test "SMTP down, then up" and permanent refusals:
  --refuse-while FILE   answer --refuse-code (default 451) while FILE exists
  --refuse-at STAGE     "rcpt" or "data" (default): which command gets the refusal
  --delay-ms N          a slow relay: wait N ms after each message's data, then store and accept it
                        (stored even if the client has gone meanwhile, like a real relay)
TLS and authentication, to test the client's URL schemes:
  --tls-cert/--tls-key  offer STARTTLS with this certificate (--require-starttls to insist)
  --implicit-tls        TLS from the first byte instead (smtps://)
  --auth USER:PASS      require AUTH (PLAIN/LOGIN) with these credentials
"""

import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, args):
        self.args = args
        self.count = 0
        self.pending = set()

    def refusing(self):
        return self.args.refuse_while and os.path.exists(self.args.refuse_while)

    def refusal(self):
        code = self.args.refuse_code
        kind = "4.3.0 Try again later" if code < 500 else "5.7.1 Refused"
        return f"{code} {kind}"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.args.refuse_at == "rcpt" and self.refusing():
            return self.refusal()
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.args.refuse_at == "data" and self.refusing():
            return self.refusal()
        if self.args.delay_ms > 0:
            # Shielded: a client that goes away while waiting (killed) does not cancel the
            # delivery, so it may send the message again: SMTP's at-least-once window.
            task = asyncio.ensure_future(self.store_later(session, envelope))
            self.pending.add(task)  # the loop keeps only weak references to tasks
            task.add_done_callback(self.pending.discard)
            await asyncio.shield(task)
        else:
            self.store(session, envelope)
        return "250 Message accepted for delivery"

    async def store_later(self, session, envelope):
        await asyncio.sleep(self.args.delay_ms / 1000)
        self.store(session, envelope)

    def store(self, session, envelope):
        self.count += 1
        stem = os.path.join(self.args.dir, f"{self.count:06d}")
        login = session.auth_data if isinstance(session.auth_data, str) else None
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "login": login}
        write_atomically(stem + ".json", json.dumps(meta).encode())
        write_atomically(stem + ".eml", envelope.original_content or envelope.content)


def write_atomically(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def make_authenticator(expected):
    user, _, password = expected.partition(":")

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user
              and auth_data.password.decode() == password)
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    return authenticate


async def serve(args):
    context = None
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
    sink = Sink(args)
    options = {"hostname": "smtp-sink.test", "data_size_limit": 10 * 1024 * 1024}
    if context and not args.implicit_tls:
        options.update(tls_context=context, require_starttls=args.require_starttls)
    if args.auth:
        warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
        # Plain-text AUTH is fine on loopback; real relays are reached over TLS.
        options.update(authenticator=make_authenticator(args.auth), auth_required=True,
                       auth_require_tls=False)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(sink, **options), host=args.host, port=args.port,
                                      ssl=context if args.implicit_tls else None)
    port = server.sockets[0].getsockname()[1]
    if args.ready_file:
        write_atomically(args.ready_file, f"{port}\n".encode())
    print(port, flush=True)
    stop = loop.create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    await stop
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", required=True, help="where received messages are written")
    parser.add_argument("--ready-file", help="receives the port once listening")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--refuse-while", help="refuse messages while this file exists")
    parser.add_argument("--refuse-code", type=int, default=451)
    parser.add_argument("--refuse-at", choices=["rcpt", "data"], default="data")
    parser.add_argument("--delay-ms", type=int, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--require-starttls", action="store_true")
    parser.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth", help="USER:PASS required from clients")
    args = parser.parse_args()
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if (args.implicit_tls or args.require_starttls) and not args.tls_cert:
        parser.error("TLS options need --tls-cert and --tls-key")
    os.makedirs(args.dir, exist_ok=True)
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
