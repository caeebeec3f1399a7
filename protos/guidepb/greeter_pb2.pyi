from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class HelloRequest(_message.Message):
    __slots__ = ("name", "delay_ms")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DELAY_MS_FIELD_NUMBER: _ClassVar[int]
    name: str
    delay_ms: int
    def __init__(self, name: _Optional[str] = ..., delay_ms: _Optional[int] = ...) -> None: ...

class HelloReply(_message.Message):
    __slots__ = ("message", "index")
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    message: str
    index: int
    def __init__(self, message: _Optional[str] = ..., index: _Optional[int] = ...) -> None: ...

class StreamRequest(_message.Message):
    __slots__ = ("name", "count", "interval_ms")
    NAME_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_MS_FIELD_NUMBER: _ClassVar[int]
    name: str
    count: int
    interval_ms: int
    def __init__(self, name: _Optional[str] = ..., count: _Optional[int] = ..., interval_ms: _Optional[int] = ...) -> None: ...

class GreetingSummary(_message.Message):
    __slots__ = ("count", "names")
    COUNT_FIELD_NUMBER: _ClassVar[int]
    NAMES_FIELD_NUMBER: _ClassVar[int]
    count: int
    names: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, count: _Optional[int] = ..., names: _Optional[_Iterable[str]] = ...) -> None: ...

class StatsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class WaitRequest(_message.Message):
    __slots__ = ("active", "timeout_ms")
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    active: int
    timeout_ms: int
    def __init__(self, active: _Optional[int] = ..., timeout_ms: _Optional[int] = ...) -> None: ...

class Stats(_message.Message):
    __slots__ = ("active", "active_by_method", "finished")
    class ActiveByMethodEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class FinishedEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_BY_METHOD_FIELD_NUMBER: _ClassVar[int]
    FINISHED_FIELD_NUMBER: _ClassVar[int]
    active: int
    active_by_method: _containers.ScalarMap[str, int]
    finished: _containers.ScalarMap[str, int]
    def __init__(self, active: _Optional[int] = ..., active_by_method: _Optional[_Mapping[str, int]] = ..., finished: _Optional[_Mapping[str, int]] = ...) -> None: ...

class EchoRequest(_message.Message):
    __slots__ = ("payload", "reply_size", "sleep_ms", "burn_ms", "count")
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    REPLY_SIZE_FIELD_NUMBER: _ClassVar[int]
    SLEEP_MS_FIELD_NUMBER: _ClassVar[int]
    BURN_MS_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    payload: bytes
    reply_size: int
    sleep_ms: int
    burn_ms: int
    count: int
    def __init__(self, payload: _Optional[bytes] = ..., reply_size: _Optional[int] = ..., sleep_ms: _Optional[int] = ..., burn_ms: _Optional[int] = ..., count: _Optional[int] = ...) -> None: ...

class EchoReply(_message.Message):
    __slots__ = ("payload", "index")
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    payload: bytes
    index: int
    def __init__(self, payload: _Optional[bytes] = ..., index: _Optional[int] = ...) -> None: ...
