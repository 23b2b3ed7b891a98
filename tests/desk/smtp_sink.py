#!/ usr / bin / python3
"""A real SMTP server for the notification tests (Debian's python3-aiosmtpd), on 127.0.0.1
and a free port (written to --port-file once it listens). Every accepted message is kept in
--dir as NNNN.eml (the bytes received) and NNNN.json (its envelope and what Python's email
module decodes from it: headers, the subject as text, each body part's type and text).

  --tls-cert/--tls-key FILE  offer STARTTLS and require it before MAIL
  --auth USER:PASSWORD       require AUTH (PLAIN or LOGIN) with these credentials
  --refuse "CODE TEXT"       answer DATA with this reply (a 5xx refusal); nothing is kept
  --silent                   accept connections and never answer (a hung server)
  --reset-first N            the first N messages: the connection is dropped once their data
                             has arrived, before any reply (a server that dies mid-transaction);
                             nothing is kept
  --slow-first SECONDS       the first message is kept, then its reply waits SECONDS (the
                             window in which a test kills the desk)
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl

from aiosmtpd.smtp import SMTP, AuthResult


class Handler:
    def __init__(self, folder, refuse, reset_first=0, slow_first=0.0):
        self.folder = folder
        self.refuse = refuse
        self.count = 0
        self.resets_left = reset_first
        self.slow_first = slow_first

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return self.refuse
        if self.resets_left > 0:
            self.resets_left -= 1
            with open(os.path.join(self.folder, "resets"), "a") as out:
                out.write("reset\n")
            server.transport.abort()  # no reply; the client sees the connection reset
            return "421 4.3.0 (never sent: the connection is gone)"
        self.count += 1
        base = os.path.join(self.folder, "%04d" % self.count)
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        for part in message.walk():
            if part.is_multipart():
                continue
            parts.append({"type": part.get_content_type(),
                          "charset": part.get_content_charset(),
                          "encoding": part.get("Content-Transfer-Encoding", ""),
                          "text": part.get_content()})
        decoded = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "tls": session.ssl is not None,
            "auth": session.authenticated,
            "content_type": message.get_content_type(),
            "headers": {name: str(value) for name, value in message.items()},
            "raw_headers": raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace"),
            "subject": str(message["Subject"]),
            "parts": parts,
        }
        with open(base + ".eml.tmp", "wb") as out:
            out.write(raw)
        os.rename(base + ".eml.tmp", base + ".eml")
        with open(base + ".json.tmp", "w", encoding="utf-8") as out:
            json.dump(decoded, out, ensure_ascii=False)
        os.rename(base + ".json.tmp", base + ".json")  # the test sees whole files only
        if self.count == 1 and self.slow_first > 0:
            await asyncio.sleep(self.slow_first)
        return "250 2.0.0 Ok: queued as sink-%04d" % self.count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--auth")
    parser.add_argument("--refuse")
    parser.add_argument("--silent", action="store_true")
    parser.add_argument("--reset-first", type=int, default=0)
    parser.add_argument("--slow-first", type=float, default=0.0)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    tls = None
    if args.tls_cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.tls_cert, args.tls_key)

    def authenticator(server, session, envelope, mechanism, auth_data):
        user, password = args.auth.split(":", 1)
        ok = auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)  # False: aiosmtpd answers 535

    handler = Handler(args.dir, args.refuse, args.reset_first, args.slow_first)

    def factory():
        options = {
  "hostname" : "sink.test", "data_size_limit" : 10 * 1024 * 1024}
        if tls is not None:
            options.update(tls_context=tls, require_starttls=True)
        if args.auth:
            options.update(authenticator=authenticator, auth_required=True,
                           auth_require_tls=tls is not None)
        return SMTP(handler, **options)

    async def hang(reader, writer):
        await asyncio.sleep(3600)

    async def serve():
        if args.silent:
            server = await asyncio.start_server(hang, "127.0.0.1", 0)
        else:
            server = await asyncio.get_running_loop().create_server(factory, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        with open(args.port_file + ".tmp", "w") as out:
            out.write(str(port))
        os.rename(args.port_file + ".tmp", args.port_file)
        async with server:
            await server.serve_forever()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
