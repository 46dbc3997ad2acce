#!/usr/bin/python3
"""SMTP sink for tests: accepts every message and stores it as one .eml file.

Run by scripts/test-services with Debian's /usr/bin/python3 (which has
python3-aiosmtpd). Each message is written to MAILDIR/<time>-<n>.eml via a
temporary file and a rename, so a reader never sees half a message. The SMTP
envelope is recorded as Return-Path / Delivered-To header lines (as a real
MTA does on delivery), so tests can check Bcc recipients too.

usage: smtp-sink.py --host 127.0.0.1 --port PORT --maildir DIR
"""
import argparse
import itertools
import os
import signal
import threading
import time

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, maildir):
        self.maildir = maildir
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject-"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("tempfail-"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            n = next(self.counter)
        name = "%d-%06d.eml" % (time.time_ns(), n)
        lines = ["Return-Path: <%s>" % envelope.mail_from]
        lines += ["Delivered-To: %s" % rcpt for rcpt in envelope.rcpt_tos]
        head = ("\r\n".join(lines) + "\r\n").encode("utf-8")
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        tmp = os.path.join(self.maildir, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(head + content)
        os.rename(tmp, os.path.join(self.maildir, name))
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    args = parser.parse_args()
    os.makedirs(args.maildir, exist_ok=True)

    controller = Controller(MaildirHandler(args.maildir), hostname=args.host, port=args.port,
                            decode_data=False, enable_SMTPUTF8=True)
    controller.start()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.is_set():
        stop.wait(1)
    controller.stop()


if __name__ == "__main__":
    main()
