#!/usr/bin/env python3
"""An SMTP server for the cluster test (aiosmtpd): it takes `delay` seconds to accept each
message, like a slow relay, so that an instance can be killed in the middle of a delivery.

Each event is one JSON line in `events`: "accepted" once the server has answered 250 (the
message is delivered), "aborted" when the client vanished before that answer (the message is
not delivered, as with a real server that never acknowledged it).

usage: smtp_sink.py PORT EVENTS_FILE DELAY_SECONDS
"""

import asyncio
import email
import email.policy
import json
import sys

from aiosmtpd.controller import Controller


class SlowSink:
    def __init__(self, events, delay):
        self.events = events
        self.delay = delay

    def record(self, event, envelope, session):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        line = {
            "event": event,
            "to": sorted(envelope.rcpt_tos),
            "message_id": message.get("Message-ID", ""),
            "peer_port": session.peer[1] if session.peer else None,
        }
        with open(self.events, "a", encoding="utf-8") as f:
            f.write(json.dumps(line) + "\n")

    async def handle_DATA(self, server, session, envelope):
        try:
            await asyncio.sleep(self.delay)
        except asyncio.CancelledError:
            self.record("aborted", envelope, session)
            raise
        self.record("accepted", envelope, session)
        return "250 Message accepted for delivery"


def main():
    port, events, delay = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    controller = Controller(SlowSink(events, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"smtp sink on 127.0.0.1:{port}", flush=True)
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
