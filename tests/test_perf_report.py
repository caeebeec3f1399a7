"""The benchmark's report: every number, answer and verdict comes from the results file."""

import json
import re
import sys
import xml.etree.ElementTree as ElementTree

import pytest

from docs_harness import PROJECT_ROOT

sys.path.insert(0, str(PROJECT_ROOT))  # benchmarks/ is a directory of the repository, not an installed package

from benchmarks import grpc_perf, report  # noqa: E402

ROUNDS = 5
SVG = re.compile(r"<svg .*?</svg>", re.S)


def fake_results(rates: dict[str, list[float]] | None = None, threads: dict[str, int] | None = None) -> dict:
    """A results file built by the benchmark's own code from made-up trials (rate 1000 unless given)."""
    rates, threads = rates or {}, threads or {}
    blocks = grpc_perf.blocks()
    for variants in blocks.values():
        for variant in variants:
            for index in range(ROUNDS):
                value = rates.get(variant.key, [1000.0] * ROUNDS)[index]
                trial = {
                    "count": 100,
                    "elapsed": 0.1,
                    "rate": value,
                    "mbps": value,
                    "client_cpu_s": 0.01,
                    "client_cpu_us_per_op": 100.0,
                    "server_cpu_us_per_op": 120.0,
                    "foreign_cpu_share": 0.0,
                    "py_threads_extra": threads.get(variant.key, 0),
                    "os_threads_extra": threads.get(variant.key, 0),
                }
                if variant.spec["kind"] == "long_streams":
                    trial.update(makespan_ms=60.0, first_ms_median=2.0, first_ms_max=50.0, queued=12, refused=0)
                variant.results.append(trial)
    return {
        "schema": grpc_perf.SCHEMA,
        "machine": {
            "cpu_model": "Test CPU 9000",
            "cpu_count": 2,
            "cpus_usable": 2,
            "python": "3.11.7",
            "python_implementation": "CPython",
            "grpcio": "1.85.1",
            "protobuf": "6.0",
            "os": "Linux-test",
            "date": "2025-01-02T03:04:05+00:00",
        },
        "settings": {
            "rounds": {name: ROUNDS for name in blocks},
            "stream_length": 100,
            "workers_window_s": 0.25,
            "sleep_ms": 10,
            "burn_ms": 3,
            "long_streams": 16,
            "long_stream_messages": 10,
            "long_stream_sleep_ms": 5,
        },
        "run": {"seconds": 93.0, "load_before": [0.1, 0.1, 0.1], "load_after": [0.2, 0.1, 0.1]},
        "questions": grpc_perf.results_of(blocks),
    }


def answer_line(markdown: str, number: int) -> str:
    """The bold one-line answer of section `number`."""
    section = markdown.split(f"## {number}. ", 1)[1]
    return re.search(r"^\*\*(.+)\*\*$", section, re.M).group(1)


@pytest.mark.parametrize("lang, text", [("en", "1.23× (1.10–1.40)"), ("ja", "1.23 倍（1.10〜1.40）")])
def test_the_numbers_come_from_the_results(lang, text):
    results = fake_results({"sync.n16.per_caller": [1100.0, 1200.0, 1230.0, 1300.0, 1400.0]})
    assert results["questions"]["q1_channels"]["ratios"]["sync.n16.per_caller_vs_shared"]["median"] == 1.23
    markdown = report.render(results, lang)
    assert text in answer_line(markdown, 1)  # the one-line answer
    assert f"| {text} |" in markdown  # the text alternative table
    first_chart = SVG.findall(markdown)[0]
    assert ">1.23×</text>" in first_chart  # the bar's label in the chart
    assert "Test CPU 9000" in markdown and "1.85.1" in markdown  # machine facts from the file


def test_the_answers_follow_the_data():
    same = report.render(fake_results(), "en")
    assert "about the same" in answer_line(same, 1)
    faster = {
        key: [2000.0] * ROUNDS
        for key in (
            "sync.n4.per_caller",
            "sync.n4.per_caller_distinct",
            "sync.n16.per_caller",
            "sync.n16.per_caller_distinct",
            "aio.n4.per_caller",
            "aio.n4.per_caller_distinct",
            "aio.n16.per_caller",
            "aio.n16.per_caller_distinct",
        )
    }
    line = answer_line(report.render(fake_results(faster), "en"), 1)
    assert "faster" in line and "2.00×" in line
    ja = answer_line(report.render(fake_results(faster), "ja"), 1)
    assert "速くなります" in ja and "2.00 倍" in ja


def test_every_chart_has_a_title_a_description_and_page_colours():
    markdown = report.render(fake_results(), "ja")
    charts = SVG.findall(markdown)
    assert len(charts) == len(report.TITLES)
    for chart in charts:
        svg = ElementTree.fromstring(chart)  # well-formed
        ns = "{http://www.w3.org/2000/svg}"
        title, desc = svg.find(f"{ns}title"), svg.find(f"{ns}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert svg.get("width") == "100%" and svg.get("viewBox").startswith("0 0 640 ")
        assert "<script" not in chart and "href" not in chart and "@import" not in chart
        assert not re.search(r'(fill|stroke)="#', chart)  # colours from the page, never fixed
        assert 'fill="currentColor"' in chart and "var(--md-default-fg-color--light" in chart
    ids = re.findall(r'id="([^"]+)"', markdown)
    assert len(ids) == len(set(ids))  # unique ids on the page


def test_the_labels_fit_the_chart_at_its_font_size():
    def width(text: str) -> float:  # user units at font-size 20: wide (CJK) characters about 20, others about 11
        return sum(20 if ord(ch) > 0x2E80 else 11 for ch in text)

    for lang in report.LANGUAGES:
        for chart in SVG.findall(report.render(fake_results(), lang)):
            for label in re.findall(r'font-size="20" fill="currentColor">([^<]+)</text>', chart):
                assert width(label) <= 620, label


def test_each_section_has_an_answer_a_chart_a_table_and_caveats():
    for lang, caveat in (("en", "*Caveats:"), ("ja", "*注意:")):
        markdown = report.render(fake_results(), lang)
        for number in range(1, len(report.TITLES) + 1):
            section = markdown.split(f"## {number}. ", 1)[1].split("\n## ", 1)[0]
            assert answer_line(markdown, number)
            assert section.count("<svg ") == 1 and "<figcaption>" in section
            assert "|---|---|" in section
            assert caveat in section


def test_japanese_is_polite_and_english_is_plain():
    ja = report.render(fake_results(), "ja")
    for number in range(1, len(report.TITLES) + 1):
        line = answer_line(ja, number)
        assert line.endswith("。") and ("です" in line or "ます" in line), line
    en = report.render(fake_results(), "en")
    assert not re.search(r"[\u3040-\u30ff]", en)  # no kana in the English sections


@pytest.mark.parametrize(
    "stream_rate, verdict",
    [(300.0, "proven"), (1000.0, "not reproduced"), (5000.0, "not reproduced")],
)
def test_the_verdict_on_streaming_being_much_slower_is_computed(stream_rate, verdict):
    streams = {
        key: [stream_rate] * ROUNDS for key in ("sync.server_stream", "sync.bidi", "aio.server_stream", "aio.bidi")
    }
    judged = {claim["id"]: claim for claim in report.judge(fake_results(streams), "en")}
    assert judged["python-stream-slower"]["verdict"] == verdict
    assert report.fmt_ratio(stream_rate / 1000) in judged["python-stream-slower"]["evidence"]


def test_the_thread_claims_come_from_the_thread_counts():
    counted = {"sync.server_stream": 1, "sync.bidi": 2, "sync.future.w1": 1, "sync.future.w16": 1}
    judged = {claim["id"]: claim["verdict"] for claim in report.judge(fake_results(threads=counted), "en")}
    assert judged["python-stream-threads"] == "qualified"  # the sync streams add threads, aio's do not
    assert judged["python-future-thread"] == "proven"
    judged = {claim["id"]: claim["verdict"] for claim in report.judge(fake_results(), "en")}
    assert judged["python-stream-threads"] == "not reproduced"
    assert judged["python-future-thread"] == "not reproduced"


def test_every_official_claim_is_listed_with_its_exact_words_in_both_languages():
    for lang, verdicts in (("en", ("proven", "qualified", "not reproduced")), ("ja", ("実証", "条件付き", "再現せず"))):
        markdown = report.render(fake_results(), lang)
        claims = markdown.split("\n## ")[-1]
        for claim in report.CLAIMS:
            assert claim["quote"] in claims
        rows = [line for line in claims.splitlines() if "“" in line and line.startswith("| ")]
        assert len(rows) == len(report.CLAIMS)
        assert all(any(f"| **{v}** |" in row for v in verdicts) for row in rows)
    assert "much slower than unary RPCs" in report.CLAIMS[1]["quote"]
    assert "save up to 7% latency per message" in report.CLAIMS[5]["quote"]


def test_two_runs_agree_only_when_every_ratio_is_within_the_tolerance():
    first = fake_results()
    close = fake_results({"sync.n16.per_caller": [1100.0] * ROUNDS})
    far = fake_results({"sync.n16.per_caller": [1200.0] * ROUNDS})
    assert grpc_perf.compare(first, close)[0]
    agree, lines = grpc_perf.compare(first, far)
    assert not agree
    assert any(line.startswith("OFF q1_channels/sync.n16.per_caller_vs_shared") for line in lines)


def test_a_ratio_uses_its_quiet_rounds_when_there_are_enough():
    results = fake_results()
    assert all(ratio["rounds_used"] == "quiet" for q in results["questions"].values() for ratio in q["ratios"].values())
    blocks = grpc_perf.blocks()
    for variant in blocks["channels"]:
        for index in range(ROUNDS):
            variant.results.append({"rate": 1000.0 + index, "foreign_cpu_share": 0.5, "count": 1})
    ratio = grpc_perf.results_of(blocks)["q1_channels"]["ratios"]["sync.per_call_vs_shared"]
    assert ratio["rounds_used"] == "all" and ratio["disturbed_rounds"] == ROUNDS


def test_the_committed_results_render_in_both_languages():
    path = report.DEFAULT_RESULTS
    if not path.exists():
        pytest.skip("no committed results yet")
    results = json.loads(path.read_text(encoding="utf-8"))
    assert results["schema"] == grpc_perf.SCHEMA
    assert set(results["questions"]) == set(grpc_perf.QUESTIONS)
    for question in results["questions"].values():
        for ratio in question["ratios"].values():
            assert len(ratio["all_runs"]) >= grpc_perf.MIN_ROUNDS
            assert ratio["min"] <= ratio["median"] <= ratio["max"]
    for lang in report.LANGUAGES:
        markdown = report.render(results, lang)
        for qid, question in results["questions"].items():
            for ratio in question["ratios"].values():
                assert report.ratio_text(ratio, lang) in markdown, (qid, ratio)


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        report.render(fake_results(), "fr")
