"""Exception hierarchy (after geopy): one root; leaves also inherit the builtin they resemble."""

from __future__ import annotations


class FrontlineError(Exception):
    """Root of every error Frontline raises on purpose."""


class GazetteerError(FrontlineError, ValueError):
    """A place name cannot be resolved, or a gazetteer row is invalid."""


def display_name(name: str) -> str:
    """A file name as it can be printed on one line: bytes that are not UTF-8 (decoded by
    Python as lone surrogates) become ``\\xe9``, and control characters such as a newline
    become escapes, so ``file:line: reason`` stays one parseable line."""
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if any(c < " " or c == "\x7f" for c in name):
        name = "".join(c if c >= " " and c != "\x7f" else repr(c)[1:-1] for c in name)
    return name


class OutputError(FrontlineError, OSError):
    """An output (``--out``, ``--db``) cannot be written where it was asked for."""


class ArticleError(FrontlineError, ValueError):
    """An article cannot be read or understood (empty, binary, undecodable, undated).

    Parameters
    ----------
    source : str
        The file the article came from (``-`` for stdin).
    reason : str
        Why it failed, in words a user can act on.
    line : int, optional
        1-based line number, where the problem has one.
    """

    def __init__(self, source: str, reason: str, line: int | None = None) -> None:
        source = display_name(source)
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class ManifestError(ArticleError):
    """A row of ``manifest.csv`` is malformed."""


class DateRangeError(FrontlineError, KeyError):
    """A date outside the timeline was asked for; the message names the valid range."""

    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0]) if self.args else ""
