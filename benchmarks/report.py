"""The benchmark's page sections, in Japanese or English, from the committed results file.

    python -m benchmarks.report ja [benchmarks/results/grpc_perf.json] > sections.md
    python -m benchmarks.report en ...

Every number, every one-line answer and every verdict on grpc.io's claims is computed here from
the results file (``python -m benchmarks.grpc_perf`` writes it); nothing states a conclusion
that the data could contradict. Charts are inline SVG drawn in the page's own colours
(``currentColor`` and Material for MkDocs' CSS variables), so they follow the light and dark
palettes, scale to any width (viewBox, width 100 %), and each has a <title>, a <desc> and a
table of its numbers for screen readers.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from pathlib import Path

DEFAULT_RESULTS = Path(__file__).resolve().parent / "results" / "grpc_perf.json"
LANGUAGES = ("ja", "en")

SAME = 0.15  # a ratio within ±15 % of 1 counts as "about the same" (the runs' agreement tolerance)
MUCH_SLOWER = 0.5  # "much slower": half the rate or less
CLAIMED_SAVING = 0.07  # grpc.io: SingleThreadedUnaryStream "can save up to 7% latency per message"

OFFICIAL_URL = "https://grpc.io/docs/guides/performance/"

# --------------------------------------------------------------------------------------------
# Numbers and words


def fmt_ratio(value: float) -> str:
    return f"{value:.2f}" if value < 9.995 else f"{value:.1f}"


def fmt_number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def ratio_text(ratio: dict, lang: str) -> str:
    """0.95× (0.90–1.10) / 0.95 倍（0.90〜1.10）."""
    low, mid, high = fmt_ratio(ratio["min"]), fmt_ratio(ratio["median"]), fmt_ratio(ratio["max"])
    return f"{mid} 倍（{low}〜{high}）" if lang == "ja" else f"{mid}× ({low}–{high})"


def classify(value: float) -> str:
    if value >= 1 + SAME:
        return "higher"
    if value <= 1 / (1 + SAME):
        return "lower"
    return "same"


def overall(classes: list[str]) -> str:
    unique = set(classes)
    return unique.pop() if len(unique) == 1 else "mixed"


T = {
    "en": {
        "higher": "faster",
        "lower": "slower",
        "same": "about the same",
        "mixed": "mixed",
        "proven": "proven",
        "qualified": "qualified",
        "not reproduced": "not reproduced",
        "flavour": {"sync": "sync", "aio": "aio"},
        "unit": {"calls/s": "calls/s", "messages/s": "messages/s", "MB/s": "MB/s"},
        "caveats": "Caveats",
        "threads": "Python threads added",
        "median_note": "median of {n} rounds; whiskers: min–max",
        "ratio_col": "Ratio (median, min–max)",
        "what_col": "Comparison",
        "figures_summary": "The measured rates (this machine; absolute rates vary across machines)",
        "figure_col": "Variant",
        "median_col": "Median",
        "range_col": "Min–max",
        "extra_col": "Other",
        "caveat_common": (
            "loopback on one machine ({cpus} × {cpu}); {placement}; "
            "{rounds} rounds, median (min–max); ratios are taken within each round between neighbouring trials; "
            "within ±{same} % counts as the same; other processes used {share} of the CPU (median){disturbed}"
        ),
        "disturbed": ", {d} of {n} rounds disturbed",
        "pinned": "the server processes run on one core and the client processes on the other",
        "unpinned": "client and server processes share the cores",
        "claims_title": "grpc.io's performance claims, tested",
        "claims_intro": (
            "The Python section of grpc.io's [Performance best practices]({url}) (and two general items "
            "that the figures above test), each marked from the data: **proven**, **qualified** (true only in "
            "part, or only for one API) or **not reproduced**. Thresholds: the same = within ±{same} %; "
            "“much slower” = at most {much}×."
        ),
        "claim_col": "Claim (grpc.io, quoted)",
        "verdict_col": "Verdict",
        "evidence_col": "Evidence",
        "rules_title": "How each verdict is computed:",
        "header": (
            "Measured with grpcio {grpcio} on Python {python}, {os}; {cpus} × {cpu}; {date}. "
            "The run took {seconds:.0f} s. Absolute rates depend on the machine; the ratios are what these sections state."
        ),
    },
    "ja": {
        "higher": "速くなります",
        "lower": "遅くなります",
        "same": "ほぼ変わりません",
        "mixed": "条件によって変わります",
        "proven": "実証",
        "qualified": "条件付き",
        "not reproduced": "再現せず",
        "flavour": {"sync": "sync", "aio": "aio"},
        "unit": {"calls/s": "呼び出し/秒", "messages/s": "メッセージ/秒", "MB/s": "MB/秒"},
        "caveats": "注意",
        "threads": "増えた Python スレッド",
        "median_note": "{n} ラウンドの中央値、ひげは最小〜最大",
        "ratio_col": "比（中央値、最小〜最大）",
        "what_col": "比較",
        "figures_summary": "測った値（このマシンでの値です。絶対値はマシンによって変わります）",
        "figure_col": "条件",
        "median_col": "中央値",
        "range_col": "最小〜最大",
        "extra_col": "その他",
        "caveat_common": (
            "1 台のマシン（{cpus} × {cpu}）のループバックで、{placement}。"
            "{rounds} ラウンドの中央値（最小〜最大）です。比は同じラウンドの隣り合う試行どうしで取っています。"
            "±{same} % 以内は同じとみなします。ほかのプロセスが CPU の {share} を使っていました（中央値）{disturbed}。"
        ),
        "disturbed": "。{n} ラウンド中 {d} ラウンドは乱されていました",
        "pinned": "サーバーのプロセスは一方のコア、クライアントのプロセスはもう一方のコアで動きます",
        "unpinned": "クライアントとサーバーのプロセスが同じコアを分け合います",
        "claims_title": "grpc.io の性能に関する主張の検証",
        "claims_intro": (
            "grpc.io の [Performance best practices]({url}) の Python の節（と、上の測定で確かめられる一般の項目 2 つ）を、"
            "データから**実証**・**条件付き**（一部だけ、または一方の API だけで成り立つ）・**再現せず**に分けました。"
            "基準: ±{same} % 以内は同じ、「much slower」は {much} 倍以下です。"
        ),
        "claim_col": "主張（grpc.io の原文）",
        "verdict_col": "判定",
        "evidence_col": "根拠",
        "rules_title": "判定の基準:",
        "header": (
            "grpcio {grpcio}、Python {python}、{os}、{cpus} × {cpu} で {date} に測りました。"
            "実行時間は {seconds:.0f} 秒です。絶対値はマシンによって変わるため、各節では比を示します。"
        ),
    },
}


def w(lang: str, key: str) -> str:
    return T[lang][key]


def r(question: dict, key: str) -> dict:
    return question["ratios"][key]


def rt(question: dict, key: str, lang: str) -> str:
    return ratio_text(r(question, key), lang)


def threads(question: dict, figure: str) -> int:
    """The most Python threads the client added during the figure's trials (beyond its own callers)."""
    return int(question["figures"][figure]["py_threads_extra"]["max"])


# --------------------------------------------------------------------------------------------
# Labels: what each ratio compares, in each language


def _who(flavour: str, callers: int, lang: str) -> str:
    if lang == "ja":
        unit = "スレッド" if flavour == "sync" else "タスク"
        return f"{flavour}・{callers} {unit}"
    unit = "thread" if flavour == "sync" else "task"
    return f"{flavour}, {callers} {unit}{'s' if callers != 1 else ''}"


def ratio_label(qid: str, key: str, lang: str) -> str:
    ja = lang == "ja"
    parts = key.split(".")
    if qid == "q1_channels":
        flavour = parts[0]
        if parts[1] == "per_call_vs_shared":
            return f"{flavour}: 呼び出しごとに新しいチャネル" if ja else f"{flavour}: a new channel per call"
        callers = int(parts[1][1:])
        distinct = parts[2].startswith("per_caller_distinct")
        if ja:
            return f"{_who(flavour, callers, lang)}ごとのチャネル" + (
                "（別の引数・別の接続）" if distinct else "（同じ引数）"
            )
        return f"{_who(flavour, callers, lang)}: own channels" + (" (distinct args)" if distinct else " (same args)")
    if qid == "q2_sync_vs_aio":
        if key.endswith("_vs_n1"):
            flavour = parts[0]
            return f"{flavour}: 16 並行 ÷ 1" if ja else f"{flavour}: 16 callers ÷ 1"
        callers = parts[-1][1:]
        what = {
            "aio_vs_sync": ("aio 同士 ÷ sync 同士", "aio end to end ÷ sync"),
            "aio_client_vs_sync_client": (
                "aio クライアント ÷ sync（sync サーバー）",
                "aio client ÷ sync client (sync server)",
            ),
            "aio_server_vs_sync_server": (
                "aio サーバー ÷ sync（sync クライアント）",
                "aio server ÷ sync server (sync client)",
            ),
        }[parts[0]]
        return f"{what[0]}、{callers} 並行" if ja else f"{what[1]}, {callers} caller{'s' if callers != '1' else ''}"
    if qid == "q3_messages":
        flavour, what = parts[0], parts[1]
        labels = {
            "server_stream_vs_unary": ("サーバーストリーミング ÷ 単項", "server-streaming ÷ unary"),
            "stus_vs_unary": ("SingleThreadedUnaryStream ÷ 単項", "SingleThreadedUnaryStream ÷ unary"),
            "bidi_vs_unary": ("双方向（ピンポン）÷ 単項", "bidi ping-pong ÷ unary"),
            "stus_vs_server_stream": ("SingleThreadedUnaryStream ÷ 既定", "SingleThreadedUnaryStream ÷ default"),
        }[what]
        return f"{flavour}: {labels[0] if ja else labels[1]}"
    if qid == "q4_future":
        what, callers = parts[0], parts[1][1:]
        if what == "future_vs_blocking":
            return f".future() ÷ ブロッキング、{callers} 並行" if ja else f".future() ÷ blocking, {callers} in flight"
        return f"aio ÷ sync ブロッキング、{callers} 並行" if ja else f"aio ÷ sync blocking, {callers} in flight"
    if qid == "q5_workers":
        handler = parts[0]
        kind = (
            ("sleep する" if handler == "sleep" else "CPU を使う")
            if ja
            else ("sleeping" if handler == "sleep" else "CPU-bound")
        )
        if parts[1] == "aio_server_vs_w32":
            return f"{kind}ハンドラー: aio サーバー ÷ 32 ワーカー" if ja else f"{kind} handler: aio server ÷ 32 workers"
        workers = parts[1].split("_")[0][1:]
        return f"{kind}ハンドラー: {workers} ワーカー ÷ 1" if ja else f"{kind} handler: {workers} workers ÷ 1"
    if qid == "q6_streams":
        flavour = parts[0]
        if key.endswith("unlimited_vs_mcs4.one"):
            return (
                f"{flavour}: 上限なし ÷ 上限 4（チャネル 1 本）"
                if ja
                else f"{flavour}: no limit ÷ limit 4 (one channel)"
            )
        pool = parts[2].split("_vs_")[0]
        limit = (
            ("上限 4" if parts[1] == "mcs4" else "上限なし")
            if ja
            else ("limit 4" if parts[1] == "mcs4" else "no limit")
        )
        if ja:
            what = "別の引数のプール 4 本" if pool == "pool_distinct" else "同じ引数のプール 4 本"
            return f"{flavour}・{limit}: {what} ÷ 1 本"
        what = "pool of 4, distinct args" if pool == "pool_distinct" else "pool of 4, same args"
        return f"{flavour}, {limit}: {what} ÷ one channel"
    if qid == "q7_sizes":
        flavour, size = parts[0], size_name(parts[-1])
        return f"{flavour}・{size}: ストリーミング ÷ 単項" if ja else f"{flavour}, {size}: streaming ÷ unary"
    return key


def figure_label(qid: str, key: str, figure: dict, lang: str) -> str:
    """A short name for a measured variant, from its parameters."""
    ja = lang == "ja"
    params, client, server = figure["params"], figure["client"], figure["server"]
    kind = params["kind"]
    if kind == "long_streams":
        limit = "上限 4" if server == "sync-mcs4" else "上限なし"
        limit_en = "limit 4" if server == "sync-mcs4" else "no limit"
        pooling = {
            "one": ("チャネル 1 本", "one channel"),
            "pool_same": ("同じ引数 4 本", "4 channels, same args"),
            "pool_distinct": ("別の引数 4 本", "4 channels, distinct args"),
        }[params["channels"]]
        return f"{client}・{limit}・{pooling[0]}" if ja else f"{client}, {limit_en}, {pooling[1]}"
    if qid == "q5_workers":
        handler = key.split(".")[0]
        where = (
            "aio サーバー"
            if server == "aio"
            else f"{server.removeprefix('sync-w') if server != 'sync' else '32'} ワーカー"
        )
        where_en = (
            "aio server"
            if server == "aio"
            else f"{server.removeprefix('sync-w') if server != 'sync' else '32'} workers"
        )
        kind_ja = f"sleep {params.get('sleep_ms')} ms" if handler == "sleep" else f"CPU {params.get('burn_ms')} ms"
        return f"{kind_ja}・{where}" if ja else f"{kind_ja.replace('CPU', 'burn')}, {where_en}"
    size = next((name for name in ("1KB", "64KB", "1MB") if key.endswith(name)), None)
    shape = {
        "unary": ("単項", "unary"),
        "server_stream": ("サーバーストリーミング", "server-streaming"),
        "bidi": ("双方向", "bidi"),
    }[kind]
    label = shape[0] if ja else shape[1]
    if kind == "unary":
        if params.get("api") == "future":
            label = ".future()"
        callers = params.get("callers", 1)
        if callers != 1 or qid in ("q1_channels", "q2_sync_vs_aio", "q4_future"):
            label += f"・{callers} 並行" if ja else f", {callers} in flight"
        sharing = params.get("channels", "shared")
        if qid == "q1_channels":
            label += {
                "shared": ("・共有 1 本", ", one shared channel"),
                "per_caller": ("・各自のチャネル", ", own channels"),
                "per_caller_distinct": ("・各自のチャネル（別の引数）", ", own channels (distinct args)"),
                "per_call": ("・呼び出しごとに新規", ", new channel per call"),
            }[sharing][0 if ja else 1]
    if params.get("stus"):
        label += "(SingleThreadedUnaryStream)" if ja else " (SingleThreadedUnaryStream)"
    if size:
        label += f"・{size_name(size)}" if ja else f", {size_name(size)}"
    ends = f"{client} → {server.split('-')[0]}"
    return f"{ends}: {label}"


# --------------------------------------------------------------------------------------------
# One-line answers, computed from the ratios


def size_name(key_suffix: str) -> str:
    return key_suffix.replace("KB", " KB").replace("MB", " MB")


def answer(qid: str, question: dict, lang: str) -> str:
    """The section's one-line answer: every number and every verdict word comes from the ratios."""
    ja, q = lang == "ja", question

    def x(key: str) -> str:
        return rt(q, key, lang)

    def verdict(keys: list[str], form: str = "verb") -> str:
        cls = overall([classify(r(q, k)["median"]) for k in keys])
        return A[lang][form][cls]

    if qid == "q1_channels":
        keys = [
            f"{f}.n{n}.{v}_vs_shared"
            for f in ("sync", "aio")
            for n in (4, 16)
            for v in ("per_caller", "per_caller_distinct")
        ]
        if ja:
            return (
                f"スレッドごと（aio はタスクごと）にチャネルを作っても、共有チャネル 1 本と比べて{verdict(keys)}。"
                f"sync の 16 スレッドで {x('sync.n16.per_caller_vs_shared')}、aio の 16 タスクで "
                f"{x('aio.n16.per_caller_vs_shared')}です。呼び出しごとに新しいチャネルを作ると sync で "
                f"{x('sync.per_call_vs_shared')}、aio で {x('aio.per_call_vs_shared')}です。"
            )
        return (
            f"A channel per thread (or task) instead of one shared channel: {verdict(keys, 'adj')} — "
            f"{x('sync.n16.per_caller_vs_shared')} with 16 sync threads, {x('aio.n16.per_caller_vs_shared')} with "
            f"16 aio tasks; a new channel for every call: {x('sync.per_call_vs_shared')} (sync), "
            f"{x('aio.per_call_vs_shared')} (aio)."
        )
    if qid == "q2_sync_vs_aio":
        if ja:
            return (
                f"クライアントもサーバーも grpc.aio にすると、sync に比べて呼び出し 1 本では {x('aio_vs_sync.n1')}で"
                f"{verdict(['aio_vs_sync.n1'], 'adj')}、16 並行では {x('aio_vs_sync.n16')}で"
                f"{verdict(['aio_vs_sync.n16'], 'adj')}、という結果です。1 本から 16 並行にすると sync は {x('sync.n16_vs_n1')}、aio は {x('aio.n16_vs_n1')}になります。"
            )
        return (
            f"grpc.aio end to end vs sync: {verdict(['aio_vs_sync.n1'], 'adj')} with 1 caller, {x('aio_vs_sync.n1')}; "
            f"{verdict(['aio_vs_sync.n16'], 'adj')} with 16, {x('aio_vs_sync.n16')}. From 1 to 16 callers: "
            f"{x('sync.n16_vs_n1')} (sync), {x('aio.n16_vs_n1')} (aio)."
        )
    if qid == "q3_messages":
        keys = ["sync.server_stream_vs_unary", "sync.bidi_vs_unary", "aio.server_stream_vs_unary", "aio.bidi_vs_unary"]
        stream, bidi = threads(q, "sync.server_stream"), threads(q, "sync.bidi")
        aio, stus = max(threads(q, "aio.server_stream"), threads(q, "aio.bidi")), threads(q, "sync.server_stream.stus")
        if ja:
            return (
                f"メッセージ 1 通あたりでは、ストリーミングは単項より{verdict(keys)}。サーバーストリーミングは sync で "
                f"{x('sync.server_stream_vs_unary')}、aio で {x('aio.server_stream_vs_unary')}、双方向のピンポンは "
                f"{x('sync.bidi_vs_unary')}、{x('aio.bidi_vs_unary')}です。sync のストリームは Python スレッドを "
                f"{stream} 本（サーバーストリーミング）、{bidi} 本（双方向）増やし、aio は {aio} 本です。"
                f"SingleThreadedUnaryStream は既定の {x('sync.stus_vs_server_stream')}で、増えるスレッドは {stus} 本です。"
            )
        return (
            f"Per message, streaming vs unary: {verdict(keys, 'adj')} — server-streaming {x('sync.server_stream_vs_unary')} "
            f"(sync), {x('aio.server_stream_vs_unary')} (aio); bidi ping-pong {x('sync.bidi_vs_unary')}, "
            f"{x('aio.bidi_vs_unary')}. Sync streams add {stream} (server-streaming) and {bidi} (bidi) Python threads, "
            f"aio {aio}; SingleThreadedUnaryStream: {x('sync.stus_vs_server_stream')} of the default, {stus} extra threads."
        )
    if qid == "q4_future":
        spin = threads(q, "sync.future.w1")
        one, many = verdict(["future_vs_blocking.n1"], "adj"), verdict(["future_vs_blocking.n16"], "adj")
        if ja:
            return (
                f".future() はブロッキング呼び出しに比べて、1 本ずつでは {x('future_vs_blocking.n1')}で{one}、"
                f"16 本同時（16 スレッドとの比較）では {x('future_vs_blocking.n16')}で{many}、という結果です。"
                f"同じ sync サーバーに aio クライアントでは {x('aio_vs_blocking.n1')}、{x('aio_vs_blocking.n16')}です。"
                f".future() はスレッドを {spin} 本増やします。"
            )
        return (
            f".future() vs blocking calls: {one} one at a time, {x('future_vs_blocking.n1')}; {many} with 16 in flight "
            f"vs 16 threads, {x('future_vs_blocking.n16')}. An aio client to the same sync server: "
            f"{x('aio_vs_blocking.n1')}, {x('aio_vs_blocking.n16')}. .future() adds {spin} Python "
            f"thread{'s' if spin != 1 else ''}."
        )
    if qid == "q5_workers":
        burn_keys = [f"burn.w{n}_vs_w1" for n in (2, 8, 32)]
        burn_ms = q["figures"]["burn.w32"]["params"].get("burn_ms", 0)
        ceiling = 1000 / burn_ms if burn_ms else 0.0
        share = q["figures"]["burn.w32"]["value"]["median"] / ceiling if ceiling else 0.0
        if ja:
            return (
                f"sleep するハンドラーはワーカーを増やすほど速くなり、1 ワーカーに対して 8 ワーカーで {x('sleep.w8_vs_w1')}、"
                f"32 ワーカーで {x('sleep.w32_vs_w1')}です。CPU を使うハンドラーは 32 ワーカーでも "
                f"{x('burn.w32_vs_w1')}で、ワーカーを増やしても{verdict(burn_keys, 'little')}。"
                f"{burn_ms} ms の計算は GIL のため一度に 1 つしか進まず、上限の毎秒 {ceiling:.0f} 回に対して "
                f"{share:.0%} です。"
            )
        return (
            f"Sleeping handlers scale with workers: {x('sleep.w8_vs_w1')} with 8 workers and {x('sleep.w32_vs_w1')} "
            f"with 32, against 1 worker. CPU-bound handlers: {x('burn.w32_vs_w1')} with 32 workers "
            f"({verdict(burn_keys, 'little')}); the GIL runs one {burn_ms} ms computation at a time, and 32 workers "
            f"reach {share:.0%} of that ceiling ({ceiling:.0f} calls/s)."
        )
    if qid == "q6_streams":
        queued = int(q["figures"]["sync.mcs4.one"]["queued"]["median"])
        streams = q["figures"]["sync.mcs4.one"]["params"]["streams"]
        if ja:
            return (
                f"サーバーの grpc.max_concurrent_streams が 4 のとき、長いストリーム {streams} 本のうち 1 本のチャネルでは "
                f"{queued} 本が順番待ちになります。別の引数で作ったチャネル 4 本のプールは 1 本に比べて sync で "
                f"{x('sync.mcs4.pool_distinct_vs_one')}、aio で {x('aio.mcs4.pool_distinct_vs_one')}です。"
                f"同じ引数の 4 本は {x('sync.mcs4.pool_same_vs_one')}、上限のないサーバーではプールは "
                f"{x('sync.unlimited.pool_distinct_vs_one')}です。"
            )
        return (
            f"With the server's grpc.max_concurrent_streams at 4, {queued} of {streams} long streams on one channel wait for "
            f"a slot. A pool of 4 channels with distinct args: {x('sync.mcs4.pool_distinct_vs_one')} of one channel "
            f"(sync), {x('aio.mcs4.pool_distinct_vs_one')} (aio); 4 with the same args: {x('sync.mcs4.pool_same_vs_one')}; "
            f"with no limit, the pool: {x('sync.unlimited.pool_distinct_vs_one')}."
        )
    if qid == "q7_sizes":
        sizes = [key.rsplit(".", 1)[1] for key in q["ratios"] if key.startswith("sync.")]
        sep = "、" if ja else ", "
        sync = sep.join(f"{size_name(s)} {x(f'sync.server_stream_vs_unary.{s}')}" for s in sizes)
        aio = sep.join(f"{size_name(s)} {x(f'aio.server_stream_vs_unary.{s}')}" for s in sizes)
        trend = [
            r(q, f"{f}.server_stream_vs_unary.{s}")["median"] for f in ("sync", "aio") for s in (sizes[0], sizes[-1])
        ]
        shrinks = trend[0] > trend[1] * (1 + SAME) and trend[2] > trend[3] * (1 + SAME)
        if ja:
            tail = (
                "メッセージが大きいほど差は小さくなります。" if shrinks else "大きさによる差の変化ははっきりしません。"
            )
            return f"バイトあたりのストリーミングと単項の比は、sync で {sync}、aio で {aio}です。{tail}"
        tail = "the bigger the message, the smaller the gap" if shrinks else "no clear trend with size"
        return f"Streaming over unary, per byte: {sync} (sync); {aio} (aio): {tail}."
    raise KeyError(qid)


A = {
    "en": {
        "verb": {"higher": "faster", "lower": "slower", "same": "about the same", "mixed": "mixed"},
        "adj": {"higher": "faster", "lower": "slower", "same": "about the same", "mixed": "mixed"},
        "little": {
            "higher": "some gain, far from one per worker",
            "lower": "slower",
            "same": "no gain",
            "mixed": "no consistent gain",
        },
    },
    "ja": {
        "verb": {
            "higher": "速くなります",
            "lower": "遅くなります",
            "same": "ほぼ変わりません",
            "mixed": "条件によって速くも遅くもなります",
        },
        "adj": {"higher": "速い", "lower": "遅い", "same": "ほぼ同じ", "mixed": "条件次第"},
        "little": {
            "higher": "少し速くなるだけです",
            "lower": "かえって遅くなります",
            "same": "ほぼ変わりません",
            "mixed": "一貫して速くはなりません",
        },
    },
}


TITLES = {
    "q1_channels": ("1 本のチャネルを共有するか、スレッドごとに作るか", "One shared channel or one per thread"),
    "q2_sync_vs_aio": ("sync と grpc.aio（単項）", "sync vs grpc.aio (unary)"),
    "q3_messages": (
        "メッセージ 1 通あたり: 単項・サーバーストリーミング・双方向",
        "Per message: unary, server-streaming, bidi",
    ),
    "q4_future": (
        ".future() とスレッドからのブロッキング呼び出しと aio",
        ".future(), blocking calls from threads, aio",
    ),
    "q5_workers": (
        "サーバーの max_workers: sleep するハンドラーと CPU を使うハンドラー",
        "Server max_workers: sleeping vs CPU-bound handlers",
    ),
    "q6_streams": (
        "grpc.max_concurrent_streams と長いストリーム: チャネル 1 本かプールか",
        "grpc.max_concurrent_streams and long streams: one channel or a pool",
    ),
    "q7_sizes": ("メッセージの大きさ: 単項とストリーミング", "Message size: unary vs streaming"),
}

SETUPS = {
    "q1_channels": (
        "単項 Echo を 1・4・16 のスレッド（aio はタスク）から呼びます。",
        "Unary Echo from 1, 4 and 16 threads (aio: tasks).",
    ),
    "q2_sync_vs_aio": (
        "単項 Echo、チャネル 1 本を共有します。クライアントとサーバーの組み合わせを入れ替えます。",
        "Unary Echo on one shared channel, with each client flavour against each server flavour.",
    ),
    "q3_messages": (
        "空のメッセージ。ストリームは 1 本 {length} 通で、終わるたびに次を始めます。双方向は 1 通送って返事を待ちます。",
        "Empty messages; streams of {length} messages, one after another; bidi sends one and waits for its reply.",
    ),
    "q4_future": (
        "sync サーバーへの単項 Echo。.future() は 1 本のスレッドから常に 1 本または 16 本を飛ばし続けます。",
        "Unary Echo to the sync server; .future() keeps 1 or 16 calls in flight from one thread.",
    ),
    "q5_workers": (
        "aio クライアントから 32 本同時に呼び、{window} 秒間に終わった数を数えます。ハンドラーは {sleep} ms sleep するか、"
        "CPU を {burn} ms 使います。",
        "32 concurrent calls from an aio client, counting those done within {window} s; the handler sleeps {sleep} ms "
        "or burns {burn} ms of CPU.",
    ),
    "q6_streams": (
        "{streams} 本のサーバーストリーミングを同時に始めます。各ストリームは {messages} 通を {stream_sleep} ms おきに送ります。",
        "{streams} server-streaming calls at once, each sending {messages} messages {stream_sleep} ms apart.",
    ),
    "q7_sizes": (
        "サーバーから 1 KB・64 KB・1 MB の返事。ストリームは 4 MB 分（4〜100 通）です。",
        "Replies of 1 KB, 64 KB and 1 MB from the server; streams of 4 MB (4 to 100 messages).",
    ),
}


# --------------------------------------------------------------------------------------------
# Charts


def chart_svg(chart_id: str, title: str, desc: str, rows: list[tuple[str, dict]]) -> str:
    """A horizontal bar chart of ratios: a bar to the median, a whisker min–max, a dashed 1× line.

    Colours come from the page (currentColor, Material's --md-default-fg-color--light), so the
    chart follows the light and dark palettes; viewBox + width 100 % scale it to any width.
    """
    width, left, right_text, top, row = 640, 8, 104, 34, 58
    span = width - left - right_text
    high = max([1.0] + [ratio["max"] for _, ratio in rows]) * 1.04
    height = top + row * len(rows) + 6

    def x(value: float) -> float:
        return round(left + span * value / high, 1)

    e = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bench-chart" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'style="max-width:100%;height:auto;color:inherit">',
        f'<title id="{chart_id}-title">{e(title)}</title>',
        f'<desc id="{chart_id}-desc">{e(desc)}</desc>',
        f'<line x1="{x(1)}" y1="{top - 12}" x2="{x(1)}" y2="{height - 4}" stroke="currentColor" stroke-width="1.5" '
        f'stroke-dasharray="6 5" opacity="0.7"/>',
        f'<text x="{x(1) + 4}" y="{top - 16}" font-size="16" fill="currentColor">1×</text>',
    ]
    for index, (label, ratio) in enumerate(rows):
        y = top + index * row
        bar_y = y + 26
        parts.append(f'<text x="{left}" y="{y + 18}" font-size="20" fill="currentColor">{e(label)}</text>')
        parts.append(
            f'<rect x="{left}" y="{bar_y}" width="{max(x(ratio["median"]) - left, 1.5)}" height="20" rx="2" '
            f'fill="currentColor" style="fill:var(--md-default-fg-color--light,currentColor)"/>'
        )
        lo, hi, mid_y = x(ratio["min"]), x(ratio["max"]), bar_y + 10
        parts.append(
            f'<path d="M{lo} {mid_y}H{hi}M{lo} {mid_y - 7}V{mid_y + 7}M{hi} {mid_y - 7}V{mid_y + 7}" '
            f'stroke="currentColor" stroke-width="2" fill="none"/>'
        )
        parts.append(
            f'<text x="{width - 6}" y="{bar_y + 16}" font-size="20" font-weight="bold" text-anchor="end" '
            f'fill="currentColor">{fmt_ratio(ratio["median"])}×</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Sections


def _settings(results: dict) -> dict:
    return results.get("settings", {})


def caveats(qid: str, question: dict, results: dict, lang: str) -> str:
    machine, rounds = results["machine"], _settings(results).get("rounds", {})
    n = rounds.get(question["block"], len(next(iter(question["ratios"].values()))["all_runs"]))
    share = question.get("foreign_cpu_share_median")
    disturbed = max(ratio.get("disturbed_rounds", 0) for ratio in question["ratios"].values())
    text = w(lang, "caveat_common").format(
        cpus=machine["cpu_count"],
        cpu=machine["cpu_model"],
        rounds=n,
        same=round(SAME * 100),
        placement=w(lang, "pinned" if results["run"].get("pinned") else "unpinned"),
        share="?" if share is None else f"{share:.0%}",
        disturbed=w(lang, "disturbed").format(d=disturbed, n=n) if disturbed else "",
    )
    extra = {
        "q1_channels": (
            "同じ引数で作ったチャネルは 1 本の接続を共有します（§6 の同じ引数のプールを参照）。",
            "Channels created with the same args share one connection (see the same-args pool in §6).",
        ),
        "q3_messages": (
            "スレッド数は試行中のクライアントの Python スレッドの増分の最大値です。",
            "Thread counts: the most Python threads the client added during a trial.",
        ),
        "q5_workers": (
            "32 ワーカーの sleep は CPU が先に尽きることがあります。",
            "With 32 workers the sleeping handler may run out of CPU first.",
        ),
        "q6_streams": (
            "上限 4 のサーバーは順番待ちのストリームを時々 RST_STREAM(REFUSED_STREAM)で断ります。計測ではそれを出し直し、数えています。",
            "The limited server sometimes refuses a queued stream (RST_STREAM REFUSED_STREAM); the benchmark re-issues and counts it.",
        ),
    }.get(qid)
    if lang == "en":
        text = text[0].upper() + text[1:] + "."
    if extra:
        text += (" " if lang == "en" else "") + extra[0 if lang == "ja" else 1]
    return f"*{w(lang, 'caveats')}: {text}*"


def setup_line(qid: str, results: dict, lang: str) -> str:
    s = _settings(results)
    text = SETUPS[qid][0 if lang == "ja" else 1]
    return text.format(
        length=s.get("stream_length", "?"),
        window=s.get("workers_window_s", "?"),
        sleep=s.get("sleep_ms", "?"),
        burn=s.get("burn_ms", "?"),
        streams=s.get("long_streams", "?"),
        messages=s.get("long_stream_messages", "?"),
        stream_sleep=s.get("long_stream_sleep_ms", "?"),
    )


def section(qid: str, results: dict, lang: str, heading: str = "##") -> str:
    question = results["questions"][qid]
    title = TITLES[qid][0 if lang == "ja" else 1]
    rows = [(ratio_label(qid, key, lang), ratio) for key, ratio in question["ratios"].items()]
    rounds = len(next(iter(question["ratios"].values()))["runs"])
    note = w(lang, "median_note").format(n=rounds)
    line = answer(qid, question, lang)
    desc = line + " " + note + "."
    chart_id = f"bench-{qid.replace('_', '-')}-{lang}"
    caption = f"{title}: {note}" + (
        "。数値は下の表のとおりです。" if lang == "ja" else "; the numbers are in the table below."
    )
    number = list(TITLES).index(qid) + 1
    out = [
        f"{heading} {number}. {title} {{ #{qid} }}",
        "",
        f"**{line}**",
        "",
        '<figure class="bench-figure">',
        chart_svg(chart_id, title, desc, rows),
        f"<figcaption>{html.escape(caption)}</figcaption>",
        "</figure>",
        "",
        f"| {w(lang, 'what_col')} | {w(lang, 'ratio_col')} |",
        "|---|---|",
        *(f"| {label} | {ratio_text(ratio, lang)} |" for label, ratio in rows),
        "",
        setup_line(qid, results, lang),
        "",
        figures_table(qid, question, lang),
        "",
        caveats(qid, question, results, lang),
        "",
    ]
    return "\n".join(out)


def figures_table(qid: str, question: dict, lang: str) -> str:
    unit = T[lang]["unit"].get(question["unit"], question["unit"])
    lines = [
        f'<details markdown="1"><summary>{html.escape(w(lang, "figures_summary"))}</summary>',
        "",
        f"| {w(lang, 'figure_col')} | {w(lang, 'median_col')} ({unit}) | {w(lang, 'range_col')} | {w(lang, 'extra_col')} |",
        "|---|---:|---:|---|",
    ]
    for key, figure in question["figures"].items():
        value = figure["value"]
        other = []
        if "py_threads_extra" in figure and qid in ("q3_messages", "q4_future", "q7_sizes"):
            other.append(f"{w(lang, 'threads')}: {int(figure['py_threads_extra']['max'])}")
        if "makespan_ms" in figure:
            other.append(("所要 " if lang == "ja" else "makespan ") + f"{figure['makespan_ms']['median']:.0f} ms")
            other.append(("順番待ち " if lang == "ja" else "queued ") + f"{figure['queued']['median']:.0f}")
            if "refused" in figure:
                other.append(("断られた " if lang == "ja" else "refused ") + f"{figure['refused']['max']:.0f}")
        lines.append(
            f"| {figure_label(qid, key, figure, lang)} | {fmt_number(value['median'])} | "
            f"{fmt_number(value['min'])}–{fmt_number(value['max'])} | {', '.join(other)} |"
        )
    lines += ["", "</details>"]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# grpc.io's claims, each marked from the data


CLAIMS = [
    {
        "id": "python-stream-threads",
        "short": "Streaming RPCs create extra threads",
        "rule_en": "proven if sync server-streaming adds at least one Python thread, bidi at least as many, unary none, and aio streams add threads too; qualified if only sync streams do; else not reproduced",
        "rule_ja": "sync のサーバーストリーミングが Python スレッドを 1 本以上、双方向がそれ以上増やし、単項は増やさず、aio のストリームも増やせば実証。sync だけなら条件付き。それ以外は再現せず",
        "section": "Python",
        "quote": "Streaming RPCs create extra threads for receiving and possibly sending the messages",
        "ja": "ストリーミング RPC は受信（と場合により送信）のために余分なスレッドを作る",
    },
    {
        "id": "python-stream-slower",
        "short": "Streaming RPCs much slower than unary",
        "rule_en": "proven if every streaming ÷ unary per-message ratio (§3) is at most {much}×; not reproduced if none is below {slower}×; else qualified",
        "rule_ja": "§3 のストリーミング ÷ 単項（1 通あたり）がすべて {much} 倍以下なら実証。{slower} 倍を下回るものが 1 つもなければ再現せず。それ以外は条件付き",
        "section": "Python",
        "quote": "which makes streaming RPCs much slower than unary RPCs in gRPC Python, unlike the other languages supported by gRPC",
        "ja": "そのため gRPC Python ではストリーミング RPC が単項 RPC よりずっと遅い",
    },
    {
        "id": "python-asyncio",
        "short": "asyncio could improve performance",
        "rule_en": "proven if every aio ÷ sync ratio of §2 is at least {faster}×; qualified if some are; not reproduced if none",
        "rule_ja": "§2 の aio ÷ sync がすべて {faster} 倍以上なら実証。一部なら条件付き。1 つもなければ再現せず",
        "section": "Python",
        "quote": "Using asyncio could improve performance.",
        "ja": "asyncio を使うと性能が上がることがある",
    },
    {
        "id": "python-future-thread",
        "short": "The future API creates an extra thread",
        "rule_en": "proven if .future() adds at least one Python thread and blocking calls add none",
        "rule_ja": ".future() が Python スレッドを 1 本以上増やし、ブロッキング呼び出しが増やさなければ実証",
        "section": "Python",
        "quote": "Using the future API in the sync stack results in the creation of an extra thread.",
        "ja": "sync の future API は余分なスレッドを 1 本作る",
    },
    {
        "id": "python-avoid-future",
        "short": "Avoid the future API",
        "rule_en": ".future() ÷ blocking at 1 and at 16 in flight: proven if both are at most {slower}×; qualified if one is; not reproduced if neither",
        "rule_ja": "1 本と 16 本同時の .future() ÷ ブロッキングが両方 {slower} 倍以下なら実証。片方なら条件付き。どちらもでなければ再現せず",
        "section": "Python",
        "quote": "Avoid the future API if possible.",
        "ja": "できれば future API を避ける",
    },
    {
        "id": "python-single-threaded-unary-stream",
        "short": "SingleThreadedUnaryStream saves up to 7% per message",
        "rule_en": "proven if the option is faster in every round and saves at most {stus_max} of the time per message; qualified if faster at the median only, or saving more; not reproduced if not faster at the median",
        "rule_ja": "すべてのラウンドで速く、1 通あたりの時間の短縮が {stus_max} 以下なら実証。中央値だけ速い、または短縮がそれより大きければ条件付き。中央値で速くなければ再現せず",
        "section": "Python",
        "quote": "(Experimental) An experimental single-threaded unary-stream implementation is available via the "
        "SingleThreadedUnaryStream channel option, which can save up to 7% latency per message.",
        "ja": "実験的な SingleThreadedUnaryStream チャネルオプションでメッセージ 1 通あたりの遅延を最大 7% 減らせる",
    },
    {
        "id": "general-reuse-channels",
        "short": "Re-use stubs and channels",
        "rule_en": "proven if a new channel per call is at most {slower}× of one shared channel in both flavours; qualified if in one",
        "rule_ja": "呼び出しごとの新しいチャネルが sync と aio の両方で共有チャネルの {slower} 倍以下なら実証。片方なら条件付き",
        "section": "General",
        "quote": "Always re-use stubs and channels when possible.",
        "ja": "スタブとチャネルはできる限り使い回す",
    },
    {
        "id": "general-channel-pool",
        "short": "A channel pool against the stream limit",
        "rule_en": "proven if streams queue on one channel, a pool with distinct args is at least {faster}× in both flavours, and a pool with the same args stays within ±{same} %; qualified if streams queue and some distinct-args pool gains",
        "rule_ja": "1 本のチャネルでストリームが順番待ちになり、別の引数のプールが両方で {faster} 倍以上、同じ引数のプールが ±{same} % 以内なら実証。順番待ちがあり別の引数のプールが一部で速ければ条件付き",
        "section": "General",
        "quote": "When the number of active RPCs on the connection reaches this limit, additional RPCs are queued in the "
        "client … Use a pool of gRPC channels to distribute RPCs over multiple connections (channels must "
        "have different channel args to prevent re-use …).",
        "ja": "接続の同時ストリーム数の上限に達すると追加の RPC はクライアントで待たされる。"
        "チャネルのプール（別々の引数で作る）で複数の接続に分散する",
    },
]


def _ev(question: dict, key: str, lang: str, qid: str) -> str:
    return f"{ratio_label(qid, key, lang)} {ratio_text(r(question, key), lang)}"


def judge(results: dict, lang: str) -> list[dict]:
    """Each claim with a verdict ("proven", "qualified", "not reproduced") and its evidence, from the data."""
    q = results["questions"]
    ja = lang == "ja"
    out = []
    for claim in CLAIMS:
        cid = claim["id"]
        if cid == "python-stream-threads":
            m = q["q3_messages"]
            sync_stream, sync_bidi = threads(m, "sync.server_stream"), threads(m, "sync.bidi")
            unary, aio = threads(m, "sync.unary"), max(threads(m, "aio.server_stream"), threads(m, "aio.bidi"))
            if sync_stream >= 1 and sync_bidi >= sync_stream and unary == 0:
                verdict = "proven" if aio >= 1 else "qualified"
            else:
                verdict = "not reproduced"
            evidence = (
                f"§3: sync のサーバーストリーミング +{sync_stream}、双方向 +{sync_bidi}、単項 +{unary}、aio +{aio} スレッド"
                + ("（aio では増えません）" if aio == 0 else "")
                if ja
                else f"§3: sync server-streaming +{sync_stream}, bidi +{sync_bidi}, unary +{unary}, aio +{aio} threads"
                + (" (none with aio)" if aio == 0 else "")
            )
        elif cid == "python-stream-slower":
            m = q["q3_messages"]
            keys = [
                "sync.server_stream_vs_unary",
                "sync.bidi_vs_unary",
                "aio.server_stream_vs_unary",
                "aio.bidi_vs_unary",
            ]
            medians = [r(m, k)["median"] for k in keys]
            if all(v <= MUCH_SLOWER for v in medians):
                verdict = "proven"
            elif all(v > 1 / (1 + SAME) for v in medians):
                verdict = "not reproduced"
            else:
                verdict = "qualified"
            evidence = "§3: " + "; ".join(_ev(m, k, lang, "q3_messages") for k in keys)
        elif cid == "python-asyncio":
            m = q["q2_sync_vs_aio"]
            keys = [
                "aio_vs_sync.n1",
                "aio_vs_sync.n16",
                "aio_client_vs_sync_client.n1",
                "aio_client_vs_sync_client.n16",
                "aio_server_vs_sync_server.n1",
                "aio_server_vs_sync_server.n16",
            ]
            faster = [classify(r(m, k)["median"]) == "higher" for k in keys]
            verdict = "proven" if all(faster) else "qualified" if any(faster) else "not reproduced"
            evidence = "§2: " + "; ".join(_ev(m, k, lang, "q2_sync_vs_aio") for k in keys)
        elif cid == "python-future-thread":
            m = q["q4_future"]
            future, blocking = threads(m, "sync.future.w1"), threads(m, "sync.n1.shared")
            verdict = "proven" if future >= 1 and blocking == 0 else "not reproduced"
            evidence = (
                f"§4: .future() +{future}、ブロッキング +{blocking} スレッド"
                if ja
                else f"§4: .future() +{future}, blocking +{blocking} threads"
            )
        elif cid == "python-avoid-future":
            m = q["q4_future"]
            keys = ["future_vs_blocking.n1", "future_vs_blocking.n16"]
            classes = [classify(r(m, k)["median"]) for k in keys]
            verdict = (
                "proven"
                if all(c == "lower" for c in classes)
                else "not reproduced"
                if not any(c == "lower" for c in classes)
                else "qualified"
            )
            evidence = "§4: " + "; ".join(_ev(m, k, lang, "q4_future") for k in keys)
        elif cid == "python-single-threaded-unary-stream":
            m = q["q3_messages"]
            ratio = r(m, "sync.stus_vs_server_stream")
            saving = 1 - 1 / ratio["median"]  # the share of time per message saved, at the median
            if ratio["median"] <= 1:
                verdict = "not reproduced"  # no saving at all
            elif ratio["min"] > 1 and saving <= CLAIMED_SAVING + SAME:
                verdict = "proven"  # faster in every round, by the claimed amount within the ±15 % resolution
            else:
                verdict = "qualified"  # a saving at the median, but not in every round, or much more than claimed
            stus_threads = threads(m, "sync.server_stream.stus")
            evidence = (
                f"§3: {_ev(m, 'sync.stus_vs_server_stream', lang, 'q3_messages')}、1 通あたりの時間は "
                f"{-saving:+.0%}（主張は最大 -7%）、スレッド +{stus_threads}"
                if ja
                else f"§3: {_ev(m, 'sync.stus_vs_server_stream', lang, 'q3_messages')}, time per message "
                f"{-saving:+.0%} (claimed: up to -7%), +{stus_threads} threads"
            )
        elif cid == "general-reuse-channels":
            m = q["q1_channels"]
            keys = ["sync.per_call_vs_shared", "aio.per_call_vs_shared"]
            classes = [classify(r(m, k)["median"]) for k in keys]
            verdict = (
                "proven"
                if all(c == "lower" for c in classes)
                else "qualified"
                if "lower" in classes
                else "not reproduced"
            )
            evidence = "§1: " + "; ".join(_ev(m, k, lang, "q1_channels") for k in keys)
        elif cid == "general-channel-pool":
            m = q["q6_streams"]
            queued = int(m["figures"]["sync.mcs4.one"]["queued"]["median"])
            distinct = [classify(r(m, f"{f}.mcs4.pool_distinct_vs_one")["median"]) for f in ("sync", "aio")]
            same = [classify(r(m, f"{f}.mcs4.pool_same_vs_one")["median"]) for f in ("sync", "aio")]
            if queued > 0 and all(c == "higher" for c in distinct) and all(c == "same" for c in same):
                verdict = "proven"
            elif queued > 0 and any(c == "higher" for c in distinct):
                verdict = "qualified"
            else:
                verdict = "not reproduced"
            keys = ["sync.mcs4.pool_distinct_vs_one", "sync.mcs4.pool_same_vs_one", "aio.mcs4.pool_distinct_vs_one"]
            evidence = (
                f"§6: 1 本では {queued} 本が順番待ち; " if ja else f"§6: {queued} streams queued on one channel; "
            ) + "; ".join(_ev(m, k, lang, "q6_streams") for k in keys)
        else:
            raise KeyError(cid)
        out.append({**claim, "verdict": verdict, "evidence": evidence})
    return out


def claims_section(results: dict, lang: str, heading: str = "##") -> str:
    lines = [
        f"{heading} {w(lang, 'claims_title')} {{ #claims }}",
        "",
        w(lang, "claims_intro").format(url=OFFICIAL_URL, same=round(SAME * 100), much=MUCH_SLOWER),
        "",
        f"| {w(lang, 'claim_col')} | {w(lang, 'verdict_col')} | {w(lang, 'evidence_col')} |",
        "|---|---|---|",
    ]
    judged = judge(results, lang)
    for claim in judged:
        quote = f"“{claim['quote']}” ({claim['section']})"
        if lang == "ja":
            quote = f"{claim['ja']}: {quote}"
        lines.append(f"| {quote} | **{w(lang, claim['verdict'])}** | {claim['evidence']} |")
    lines += ["", w(lang, "rules_title"), ""]
    values = {
        "much": fmt_ratio(MUCH_SLOWER),
        "slower": fmt_ratio(1 / (1 + SAME)),
        "faster": fmt_ratio(1 + SAME),
        "same": round(SAME * 100),
        "stus_max": f"{CLAIMED_SAVING + SAME:.1%}",
    }
    for claim in judged:
        lines.append(
            f"- {claim['ja'] if lang == 'ja' else claim['short']}: "
            f"{claim['rule_' + lang].format(**values)}{'。' if lang == 'ja' else '.'}"
        )
    lines.append("")
    return "\n".join(lines)


def render(results: dict, lang: str, heading: str = "##") -> str:
    """Every section: a header line on the run, one section per question, then the claims."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {lang!r}")
    machine, run = results["machine"], results["run"]
    header = w(lang, "header").format(
        grpcio=machine["grpcio"],
        python=machine["python"],
        os=machine["os"],
        cpus=machine["cpu_count"],
        cpu=machine["cpu_model"],
        date=machine["date"][:10],
        seconds=run["seconds"],
    )
    parts = [header, ""]
    for qid in results["questions"]:
        if qid in TITLES:
            parts.append(section(qid, results, lang, heading))
    parts.append(claims_section(results, lang, heading))
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report", description=__doc__.splitlines()[0])
    parser.add_argument("lang", choices=LANGUAGES)
    parser.add_argument("results", nargs="?", type=Path, default=DEFAULT_RESULTS)
    parser.add_argument("--heading", default="##", help="Markdown heading level of each section (default: ##)")
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text(encoding="utf-8"))
    sys.stdout.write(render(results, args.lang, args.heading))
    return 0


if __name__ == "__main__":
    sys.exit(main())
