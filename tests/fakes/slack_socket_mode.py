"""A local Slack Socket Mode server on 127.0.0.1, for tests that run the real slack_sdk client.

    with running_slack_api() as slack, running_socket_mode(slack) as socket:
        ...start the bot with SLACK_API_URL=slack.base_url and any xapp- token...
        socket.wait_connected(timeout=30)
        envelope = socket.send_slash_command("help", user_id="U1", channel_id="C1")
        assert socket.wait_for_ack(envelope)["payload"]["text"]

It plays both halves of Slack's Socket Mode: `apps.connections.open` on the fake Web API answers
a ws:// URL of this server (Slack answers a wss:// one), and the server speaks as much RFC 6455
as slack_sdk's built-in client uses: the opening handshake, a `hello` message, unfragmented
text frames both ways, ping -> pong, close. Standard library only: the built-in client talks
plain TCP to any port but 443, so no TLS and no websocket package is needed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any
from uuid import uuid4

from tests.fakes.slack_api import SlackApi

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"  # RFC 6455 section 1.3
TEXT, CLOSE, PING, PONG = 0x1, 0x8, 0x9, 0xA
APP_ID = "A0PENINSULA"


class SocketModeServer:
    """The websocket side: who connected, what the test sent, and every ack by envelope id."""

    def __init__(self, api: SlackApi) -> None:
        self.api = api
        self.url = ""
        self.paths: list[str] = []  # the request path of each connection, ticket included
        self.received: list[dict[str, Any]] = []  # every JSON message from the client
        self._acks: dict[str, dict[str, Any]] = {}
        self._changed = threading.Condition()
        self._clients: list[socket.socket] = []
        self._send_lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()

    # -- what a test does ------------------------------------------------------------
    def wait_connected(self, *, timeout: float) -> None:
        """Block until a client finished the handshake (and got `hello`); fail after `timeout`."""
        with self._changed:
            if not self._changed.wait_for(lambda: bool(self._clients), timeout=timeout):
                raise TimeoutError(f"no Socket Mode client connected within {timeout} s")

    def send_slash_command(
        self, text: str, *, user_id: str, channel_id: str, response_url: str = ""
    ) -> str:
        """Send `/korea text` as Slack sends it over Socket Mode; returns the envelope id."""
        envelope_id = uuid4().hex
        payload = {
            "token": "verification-token-unused-in-socket-mode",
            "team_id": "T0PENINSULA",
            "team_domain": "peninsula",
            "channel_id": channel_id,
            "channel_name": "korea-desk",
            "user_id": user_id,
            "user_name": "reader",
            "command": "/korea",
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url or f"{self.api.base_url}response/{envelope_id}",
            "trigger_id": f"trigger.{envelope_id}",
        }
        self.send(
            {
                "envelope_id": envelope_id,
                "type": "slash_commands",
                "accepts_response_payload": True,
                "payload": payload,
            }
        )
        return envelope_id

    def send(self, message: dict[str, Any]) -> None:
        """One JSON text frame to the newest connection."""
        with self._changed:
            client = self._clients[-1]
        self._send_frame(client, TEXT, json.dumps(message).encode())

    def wait_for_ack(self, envelope_id: str, *, timeout: float = 10) -> dict[str, Any]:
        """The client's acknowledgement of one envelope (`{"envelope_id", "payload"?}`)."""
        with self._changed:
            if not self._changed.wait_for(lambda: envelope_id in self._acks, timeout=timeout):
                raise TimeoutError(f"envelope {envelope_id} was not acknowledged in {timeout} s")
            return self._acks[envelope_id]

    # -- the server side ---------------------------------------------------------------
    def start(self) -> None:
        port = self._listener.getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/link/?ticket={uuid4().hex}&app_id={APP_ID}"
        self.api.answer("apps.connections.open", {"ok": True, "url": self.url})
        self._spawn(self._accept_loop, "fake-socket-mode")

    def stop(self) -> None:
        self._stopping.set()
        self._threads[0].join(timeout=5)  # the accept loop, before its socket goes
        self._listener.close()
        with self._changed:
            clients = list(self._clients)
        for client in clients:
            with suppress(OSError):
                self._send_frame(client, CLOSE, struct.pack("!H", 1001))
            with suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            client.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _spawn(self, target: Any, name: str, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        self._listener.settimeout(0.05)  # closing a socket does not wake a blocked accept()
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # the listener was closed: the block ended
            client.settimeout(None)
            self._spawn(self._serve, "fake-socket-mode-client", client)

    def _serve(self, client: socket.socket) -> None:
        reader = client.makefile("rb")
        try:
            if not self._handshake(client, reader):
                return
            self._send_frame(client, TEXT, json.dumps(hello()).encode())
            with self._changed:
                self._clients.append(client)
                self._changed.notify_all()
            self._read_frames(client, reader)
        except (OSError, ValueError):
            pass  # the client went away, or the block ended mid-read
        finally:
            reader.close()
            client.close()

    def _handshake(self, client: socket.socket, reader: Any) -> bool:
        request = reader.readline().decode("latin-1").split()
        headers: dict[str, str] = {}
        while (line := reader.readline().decode("latin-1").strip()) != "":
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        key = headers.get("sec-websocket-key")
        if len(request) < 2 or request[0] != "GET" or not key:
            client.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            return False
        self.paths.append(request[1])
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        client.sendall(
            b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept.encode() + b"\r\n\r\n"
        )
        return True

    def _read_frames(self, client: socket.socket, reader: Any) -> None:
        while not self._stopping.is_set():
            opcode, data = read_frame(reader)
            if opcode == TEXT:
                self._record(json.loads(data))
            elif opcode == PING:
                self._send_frame(client, PONG, data)
            elif opcode == CLOSE:
                with suppress(OSError):
                    self._send_frame(client, CLOSE, data[:2])
                return

    def _record(self, message: dict[str, Any]) -> None:
        with self._changed:
            self.received.append(message)
            if "envelope_id" in message:
                self._acks[str(message["envelope_id"])] = message
            self._changed.notify_all()

    def _send_frame(self, client: socket.socket, opcode: int, data: bytes) -> None:
        with self._send_lock:
            client.sendall(to_frame(opcode, data))


def hello() -> dict[str, Any]:
    """What Slack sends first on a new Socket Mode connection."""
    return {
        "type": "hello",
        "num_connections": 1,
        "debug_info": {"host": "fake-socket-mode", "approximate_connection_time": 3600},
        "connection_info": {"app_id": APP_ID},
    }


def to_frame(opcode: int, data: bytes) -> bytes:
    """A final, unmasked frame (servers never mask, RFC 6455 section 5.1)."""
    head = bytes([0x80 | opcode])
    if len(data) < 126:
        return head + bytes([len(data)]) + data
    if len(data) < 1 << 16:
        return head + bytes([126]) + struct.pack("!H", len(data)) + data
    return head + bytes([127]) + struct.pack("!Q", len(data)) + data


def read_frame(reader: Any) -> tuple[int, bytes]:
    """One frame from a client -> (opcode, unmasked data); clients always mask."""
    first, second = _exactly(reader, 2)
    length = second & 0x7F
    if length == 126:
        (length,) = struct.unpack("!H", _exactly(reader, 2))
    elif length == 127:
        (length,) = struct.unpack("!Q", _exactly(reader, 8))
    mask = _exactly(reader, 4) if second & 0x80 else b"\0\0\0\0"
    data = _exactly(reader, length)
    return first & 0x0F, bytes(byte ^ mask[i % 4] for i, byte in enumerate(data))


def _exactly(reader: Any, count: int) -> bytes:
    data: bytes = reader.read(count)
    if len(data) < count:
        raise ValueError("the connection closed mid-frame")
    return data


@contextmanager
def running_socket_mode(api: SlackApi) -> Iterator[SocketModeServer]:
    """Serve Socket Mode on 127.0.0.1 and point `api`'s apps.connections.open at it."""
    server = SocketModeServer(api)
    server.start()
    try:
        yield server
    finally:
        server.stop()
