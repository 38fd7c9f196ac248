"""Downloads that end: one deadline for a whole command, a size limit, and a message that names the address.

A socket's own timeout bounds each wait for data, not the whole answer: a server
that sends one byte every few seconds keeps such a download alive for ever. Here
every wait (connecting, sending, every read of the headers and the body) may
last only as long as the command's :class:`Deadline` has left, so the command
ends when its time is up, whatever the server does. An answer larger than
``max_bytes`` is refused, and so is one that stops before the length it
announced. Every problem is raised as the caller's error type, with a message
that names the address it concerns.

Examples
--------
>>> deadline = Deadline(60)
>>> 0 < deadline.remaining() <= 60
True
"""

from __future__ import annotations

import functools
import http.client
import io
import time
import urllib.error
import urllib.request

__all__ = ["DEFAULT_TIMEOUT_SECONDS", "MAX_DOWNLOAD_BYTES", "Deadline", "download"]

DEFAULT_TIMEOUT_SECONDS = 300.0
"""How long a download command may take in all (``--timeout``): CBS's tables and PDOK's boundaries take seconds."""
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024
"""The largest answer read (64 MiB); the boundaries of the whole country, the largest, are a few MiB."""


class Deadline:
    """The moment a command must end, ``seconds`` from now."""

    def __init__(self, seconds: float):
        self.seconds = float(seconds)
        self._end = time.monotonic() + self.seconds

    def remaining(self) -> float:
        """Seconds left; :class:`TimeoutError` when there are none."""
        left = self._end - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"the time limit of {self.seconds:g} s ran out")
        return left


class _DeadlineReader(io.RawIOBase):
    """The socket's input, each read allowed only the time the deadline has left."""

    def __init__(self, sock, deadline: Deadline):
        self._sock, self._deadline = sock, deadline
        sock._io_refs += 1  # as socket.makefile does: the socket stays open while the answer is read

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed:
            super().close()
            self._sock._decref_socketios()

    def readinto(self, buffer) -> int:
        self._sock.settimeout(self._deadline.remaining())
        return self._sock.recv_into(buffer)


class _DeadlineSocket:
    """A connected socket whose every send and read keeps to the deadline (http.client reads through makefile)."""

    def __init__(self, sock, deadline: Deadline):
        self._sock, self._deadline = sock, deadline

    def makefile(self, mode: str = "rb", *args, **kwargs):
        return io.BufferedReader(_DeadlineReader(self._sock, self._deadline))

    def sendall(self, data) -> None:
        self._sock.settimeout(self._deadline.remaining())
        self._sock.sendall(data)

    def __getattr__(self, name):
        return getattr(self._sock, name)


def _connection(base: type, deadline: Deadline):
    class Connection(base):
        def connect(self):
            self.timeout = deadline.remaining()
            super().connect()  # for HTTPS this includes the TLS handshake, within the same limit
            self.sock = _DeadlineSocket(self.sock, deadline)

    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline):
        super().__init__()
        self.deadline = deadline

    def http_open(self, request):
        return self.do_open(_connection(http.client.HTTPConnection, self.deadline), request)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline):
        super().__init__()
        self.deadline = deadline

    def https_open(self, request):
        return self.do_open(functools.partial(_connection(http.client.HTTPSConnection, self.deadline),
                                              context=self._context), request)


def download(url: str, deadline: Deadline, error: type[Exception], max_bytes: int = MAX_DOWNLOAD_BYTES) -> bytes:
    """The body of the answer to a GET of ``url``, read within ``deadline``.

    Raises ``error`` with a message naming ``url`` when the server cannot be reached, answers with an HTTP
    error, takes longer than the deadline allows, sends more than ``max_bytes`` or breaks off before the
    length it announced.
    """
    opener = urllib.request.build_opener(_HTTPHandler(deadline), _HTTPSHandler(deadline))
    try:
        with opener.open(url, timeout=deadline.remaining()) as response:
            chunks, size = [], 0
            while chunk := response.read1(1 << 16):
                size += len(chunk)
                if size > max_bytes:
                    raise error(f"{url} sent more than {max_bytes // 2**20} MiB; that is not the answer expected")
                chunks.append(chunk)
                deadline.remaining()
            if response.length:  # the connection closed before the length the server announced
                raise http.client.IncompleteRead(b"".join(chunks), response.length)
            return b"".join(chunks)
    except urllib.error.HTTPError as problem:
        raise error(f"{url} answered {problem.code} {problem.reason}") from None
    except http.client.IncompleteRead as problem:
        raise error(f"{url} broke off the answer after {len(problem.partial):,} bytes; try again later") from None
    except ConnectionError as problem:
        raise error(f"{url} broke off the connection ({problem.strerror or problem}); try again later") from None
    except TimeoutError:
        raise error(f"{url} did not answer within the time limit of {deadline.seconds:g} s (--timeout); "
                    f"try again later, or give more time") from None
    except (OSError, http.client.HTTPException, ValueError) as problem:  # URLError is an OSError
        reason = getattr(problem, "reason", None) or problem
        if isinstance(reason, TimeoutError):
            raise error(f"{url} did not answer within the time limit of {deadline.seconds:g} s (--timeout); "
                        f"try again later, or give more time") from None
        raise error(f"cannot reach {url}: {reason}") from None
