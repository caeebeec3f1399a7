"""What a forbidden example must raise, and the check of what it did raise."""

import builtins
import importlib
import re
from dataclasses import dataclass

import grpc


SELF_CHECK = "AssertionError"  # the example's own check: grpcio itself raises nothing


@dataclass(frozen=True)
class Expectation:
    raises: str  # dotted name of an exception class, e.g. "grpc.aio.AioRpcError"
    code: str | None = None  # a grpc.StatusCode name, e.g. "INTERNAL"
    match: str | None = None  # a regular expression searched in the message

    @classmethod
    def from_options(cls, options: dict[str, str]) -> "Expectation | None":
        """From fence options; ValueError says what is malformed."""
        if not options:
            return None
        if "raises" not in options:
            raise ValueError("code=... and match=... need raises=<exception class>")
        expectation = cls(options["raises"], options.get("code"), options.get("match"))
        expectation.exception_class()
        if expectation.code is not None and expectation.code not in grpc.StatusCode.__members__:
            raise ValueError(f"code={expectation.code} is not a grpc.StatusCode name")
        if expectation.match is not None:
            try:
                re.compile(expectation.match)
            except re.error as error:
                raise ValueError(f"match={expectation.match!r} is not a regular expression: {error}")
        return expectation

    def exception_class(self) -> type[BaseException]:
        found = _resolve(self.raises)
        if not (isinstance(found, type) and issubclass(found, BaseException)):
            raise ValueError(f"raises={self.raises} is not an exception class")
        return found

    def check(self, error: BaseException | None) -> str | None:
        """None if error is what was expected; otherwise what differs."""
        if error is None:
            return f"expected {self.describe()}, but the example succeeded"
        problems = []
        if not isinstance(error, self.exception_class()):
            problems.append(f"type {_qualified_name(type(error))} is not a {self.raises}")
        if self.code is not None:
            code = status_code(error)
            if code is None or code.name != self.code:
                problems.append(f"status {code.name if code else None} is not {self.code}")
        if self.match is not None and not re.search(self.match, message(error)):
            problems.append(f"message {message(error)!r} does not match {self.match!r}")
        if problems:
            return f"expected {self.describe()}, got {describe_error(error)}: " + "; ".join(problems)
        return None

    @property
    def silent(self) -> bool:
        """grpcio raises nothing: the example's own assert shows what went wrong."""
        return self.raises == SELF_CHECK

    def describe(self) -> str:
        parts = [self.raises]
        if self.code:
            parts.append(f"status {self.code}")
        if self.match:
            parts.append(f"message matching {self.match!r}")
        return ", ".join(parts)


def status_code(error: BaseException) -> grpc.StatusCode | None:
    code = getattr(error, "code", None)
    value = code() if callable(code) else None
    return value if isinstance(value, grpc.StatusCode) else None


def message(error: BaseException) -> str:
    """An RPC error's details (the status message), otherwise str(error)."""
    details = getattr(error, "details", None)
    value = details() if callable(details) and status_code(error) is not None else None
    return value if isinstance(value, str) else str(error)


def describe_error(error: BaseException) -> str:
    code = status_code(error)
    if code is not None:
        return f"{_qualified_name(type(error))} {code.name} {message(error)!r}"
    return f"{_qualified_name(type(error))}: {error}"


def _qualified_name(cls: type) -> str:
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def _resolve(dotted: str):
    module_name, _, attribute = dotted.rpartition(".")
    if not module_name:
        if hasattr(builtins, dotted):
            return getattr(builtins, dotted)
        raise ValueError(f"raises={dotted}: no built-in exception of that name")
    try:
        return getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError):
        try:
            return getattr(_resolve(module_name), attribute)
        except (ValueError, AttributeError):
            raise ValueError(f"raises={dotted}: cannot import it") from None
