"""What an example must do, per grpcio version, read from its fence options.

One expectation: succeed, or raise an exception class (``raises=``), with a status code
(``code=``) and a message matching a regular expression (``match=``). ``raises="AssertionError"``
is the convention for a silent failure: grpcio raises nothing, the example's own ``assert``
shows the damage.

When the outcome depends on the grpcio version, the fence states each one with a version
range: ``grpcio=">=1.83"`` restricts the plain options, and options suffixed ``@RANGE``
(``ok@<1.83``, ``raises@<1.83=…``, ``code@…``, ``match@…``) state the outcome for that range;
``code@``/``match@`` alone change just that part. ``crashes="SIGSEGV"`` (the process dies of
that signal) and ``hangs`` (still running at its deadline) are outcomes of isolated examples. ``see@RANGE="URL"`` (or ``see=``) links the
grpc change that explains it. Ranges are PEP 440 specifiers; a version no range covers is an
error, never a pass.
"""

import builtins
import importlib
import re
import signal
from dataclasses import dataclass, replace

import grpc
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

SELF_CHECK = "AssertionError"  # the example's own check: grpcio itself raises nothing
EXPECTATION_KEYS = ("raises", "code", "match", "crashes")  # options with a value
OUTCOME_FLAGS = ("ok", "hangs")  # options without one (ok only with @RANGE: plain success needs no option)
VARIANT_KEYS = (*EXPECTATION_KEYS, "see")  # the keys that take an @RANGE suffix (as do the flags)


@dataclass(frozen=True)
class Expectation:
    raises: str | None = None  # dotted name of an exception class; None: the example must succeed
    code: str | None = None  # a grpc.StatusCode name, e.g. "INTERNAL"
    match: str | None = None  # a regular expression searched in the message
    crashes: str | None = None  # the process dies of this signal, e.g. "SIGSEGV" (isolated examples)
    hangs: bool = False  # the example never returns: it is still running at its deadline (isolated)

    @property
    def succeeds(self) -> bool:
        return self.raises is None and self.crashes is None and not self.hangs

    @property
    def silent(self) -> bool:
        """grpcio raises nothing: the example's own assert shows what went wrong."""
        return self.raises == SELF_CHECK

    @property
    def verdict(self) -> str:
        return "ok" if self.succeeds else "silent" if self.silent else "forbidden"

    def validate(self) -> None:
        """ValueError saying what is malformed."""
        if sum((self.raises is not None, self.crashes is not None, self.hangs)) > 1:
            raise ValueError("an outcome is one of raises=..., crashes=... or hangs")
        if self.crashes is not None:
            if self.crashes not in signal.Signals.__members__:
                raise ValueError(f"crashes={self.crashes} is not a signal name like SIGSEGV")
            if self.code or self.match:
                raise ValueError("code=... and match=... go with raises=..., not crashes=...")
            return
        if self.raises is None:
            if self.code or self.match:
                raise ValueError("code=... and match=... need raises=<exception class>")
            return
        exception_class(self.raises)
        if self.code is not None and self.code not in grpc.StatusCode.__members__:
            raise ValueError(f"code={self.code} is not a grpc.StatusCode name")
        if self.match is not None:
            try:
                re.compile(self.match)
            except re.error as error:
                raise ValueError(f"match={self.match!r} is not a regular expression: {error}") from None

    def describe(self) -> str:
        if self.crashes:
            return f"a crash ({self.crashes})"
        if self.hangs:
            return "a hang (still running at its deadline)"
        if self.succeeds:
            return "success"
        parts = [self.raises]
        if self.code:
            parts.append(f"status {self.code}")
        if self.match:
            parts.append(f"message matching {self.match!r}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Variant:
    """One expected outcome and the grpcio versions it holds for (None: every other version)."""

    expectation: Expectation
    versions: SpecifierSet | None = None
    see: str | None = None  # the grpc change or issue that explains it

    def covers(self, version: str) -> bool:
        return self.versions is None or self.versions.contains(Version(version), prereleases=True)

    @property
    def range_text(self) -> str:
        return str(self.versions) if self.versions is not None else ""


class NotCovered(ValueError):
    """No variant of the example states what this grpcio version does."""


@dataclass(frozen=True)
class Outcomes:
    variants: tuple[Variant, ...]  # the first one is the plain options'

    @property
    def versioned(self) -> bool:
        return len(self.variants) > 1

    def for_version(self, version: str) -> Variant:
        ranged = [v for v in self.variants if v.versions is not None and v.covers(version)]
        if len(ranged) > 1:
            ranges = " and ".join(repr(v.range_text) for v in ranged)
            raise NotCovered(f"grpcio {version} is in two ranges ({ranges}): they must not overlap")
        if ranged:
            return ranged[0]
        unranged = [v for v in self.variants if v.versions is None]
        if not unranged:
            raise NotCovered(f"grpcio {version}: no expectation covers this version")
        return unranged[0]

    @classmethod
    def from_options(cls, options: dict[str, str]) -> "Outcomes":
        """From a fence's options; ValueError says what is malformed."""
        plain = _expectation(options)
        plain.validate()
        base = Variant(
            plain, _specifier(options["grpcio"], "grpcio") if "grpcio" in options else None, options.get("see")
        )
        ranged: dict[str, dict[str, str]] = {}
        for key, value in options.items():
            name, at, spec = key.partition("@")
            if at:
                ranged.setdefault(spec, {})[name] = value
        variants = [base]
        for spec, keys in ranged.items():
            if "ok" in keys and set(keys) & {*EXPECTATION_KEYS, "hangs"}:
                raise ValueError(f"ok@{spec} cannot go with another outcome for {spec}")
            if "ok" in keys:
                expectation = Expectation()
            elif set(keys) & {"raises", "crashes", "hangs"}:
                expectation = _expectation(keys)
            elif set(keys) & {"code", "match"}:
                expectation = replace(plain, **{k: v for k, v in keys.items() if k in EXPECTATION_KEYS})
            else:
                raise ValueError(f"see@{spec} needs an outcome for {spec}: ok@{spec}, raises@{spec}=..., ...")
            expectation.validate()
            variants.append(Variant(expectation, _specifier(spec, f"@{spec}"), keys.get("see")))
        if len(variants) > 1 and base.versions is None:
            raise ValueError('an example with @RANGE outcomes must give its plain outcome a range too: grpcio="..."')
        return cls(tuple(variants))


def _expectation(options: dict[str, str]) -> Expectation:
    return Expectation(*(options.get(key) for key in EXPECTATION_KEYS), hangs="hangs" in options)


def _specifier(text: str, where: str) -> SpecifierSet:
    try:
        spec = SpecifierSet(text)
    except InvalidSpecifier:
        raise ValueError(f"{where}: {text!r} is not a version range like '>=1.83' or '<1.83,>=1.70'") from None
    if not str(spec):
        raise ValueError(f"{where}: empty version range")
    return spec


def exception_class(dotted: str) -> type[BaseException]:
    found = _resolve(dotted)
    if not (isinstance(found, type) and issubclass(found, BaseException)):
        raise ValueError(f"raises={dotted} is not an exception class")
    return found


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
