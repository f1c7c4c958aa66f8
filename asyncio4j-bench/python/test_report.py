"""Tests of what a benchmark run computes and writes: ratios, targets, the report, the chart's
data, and the Python side of the workloads that are new with the report (timers, listings).
Run by the bench module's build (`python3 -m unittest discover -s asyncio4j-bench/python`).
"""

import asyncio
import json
import os
import re
import tempfile
import time
import unittest

import chart
import core_bench
import findings
import listings
import report
from common import Context
from results import Row, Section, Target, behind, ratio, targets


def section(rows, contenders=("asyncio4j", "uvloop", "asyncio")):
    return Section("core", "Core", list(contenders), rows, ["a note"], "3 rounds")


class RatioTest(unittest.TestCase):

    def test_above_one_means_asyncio4j_is_better_whichever_way_the_unit_goes(self):
        self.assertEqual(2.0, ratio(200, 100, higher_is_better=True))   # requests/s
        self.assertEqual(2.0, ratio(100, 200, higher_is_better=False))  # ns, bytes
        self.assertIsNone(ratio(None, 100, True))
        self.assertIsNone(ratio(100, 0, False))

    def test_a_row_takes_the_median_of_each_contenders_samples(self):
        row = Row("k", "label", "ns", False, {"asyncio4j": [300, 100, 200], "uvloop": [900, 500, 700, None]})
        self.assertEqual(200, row.median("asyncio4j"))
        self.assertEqual(700, row.median("uvloop"))
        self.assertEqual(3.5, row.ratio("uvloop"))
        self.assertEqual(["uvloop"], row.peers())


class TargetTest(unittest.TestCase):

    def test_peer_and_absolute_targets(self):
        row = Row("gather", "gather", "ms", False, {"asyncio4j": [10], "uvloop": [25], "asyncio": [120]},
                  [Target("3x uvloop", peer="uvloop", at_least=3, issue=3),
                   Target("10x asyncio", peer="asyncio", at_least=10, issue=3),
                   Target("at most 12 ms", at_most=12)])
        checked = [(target.text, figure, met) for _, _, target, figure, met in targets([section([row])])]
        self.assertEqual([("3x uvloop", "2.50x", False), ("10x asyncio", "12.00x", True),
                          ("at most 12 ms", "10.0 ms", True)], checked)

    def test_a_missing_figure_is_neither_met_nor_missed(self):
        row = Row("k", "k", "ms", False, {"asyncio4j": [], "uvloop": [5]}, [Target("t", peer="uvloop", at_least=1)])
        (_, _, _, figure, met), = targets([section([row])])
        self.assertEqual(("-", None), (figure, met))


class BehindTest(unittest.TestCase):

    def test_lists_peers_ahead_worst_first_and_never_the_c_ceiling(self):
        rows = [Row("a", "a", "requests/s", True, {"asyncio4j": [50], "netty": [100], "c-ceiling": [400]}),
                Row("b", "b", "ms", False, {"asyncio4j": [10], "netty": [8]}),
                Row("c", "c", "ms", False, {"asyncio4j": [10], "netty": [20]})]
        found = [(row.key, peer, round(value, 2)) for _, row, peer, value in behind([section(rows)])]
        self.assertEqual([("a", "netty", 0.5), ("b", "netty", 0.8)], found)


class ReportTest(unittest.TestCase):

    def meta(self, load):
        machine = {key: "x" for key in ("cores", "cpu", "memory", "system", "jdk", "python", "uvloop", "aiohttp",
                                         "netty", "nginx", "wrk", "openssl", "gcc")}
        return {"command": "asyncio4j-bench/run", "date": "2026-01-01 00:00 UTC", "duration": "1 min 00 s",
                "commit": "abc", "note": "Provisional", "load_start": load, "load_end": load,
                "machine": machine, "pinning": "Pinned."}

    def test_markdown_has_every_figure_ratio_target_and_what_is_behind(self):
        rows = [Row("gather", "gather of 10,000", "ms", False, {"asyncio4j": [10], "uvloop": [25], "asyncio": [8]},
                    [Target("at least 3x uvloop", peer="uvloop", at_least=3, issue=3)])]
        text = report.markdown(self.meta(0.1), [section(rows)], [("echo", "netload failed")], "docs/b.png", False)
        self.assertIn("> **Provisional**", text)
        self.assertIn("| gather of 10,000 | ms | 10.0 | 25.0 | 8.00 | 2.50x | 0.80x |", text)
        self.assertIn("| gather of 10,000 | at least 3x uvloop | 3 | 2.50x | **no** |", text)
        self.assertIn("![asyncio4j's ratio to each peer](docs/b.png)", text)
        self.assertIn("- echo: netload failed", text)
        self.assertIn("- gather of 10,000 (ms): 0.80x CPython asyncio", text)
        self.assertIn("Creating tasks: the JDK tracks every virtual thread", text)
        self.assertNotIn("busy with other work", text)

    def test_a_busy_machine_is_said_so(self):
        text = report.markdown(self.meta(os.cpu_count() * 2.0), [], [], None, True)
        self.assertIn("busy with other work", text)
        self.assertIn("Quick run", text)
        self.assertNotIn("![", text)

    def test_the_readme_gets_each_charted_figure_with_the_command_that_measured_it(self):
        rows = [Row("task_switch", "task switch", "ns/switch", False, {"asyncio4j": [240], "uvloop": [2400]}),
                Row("task_switch_cpu", "task switch", "µs", False, {"asyncio4j": [1], "uvloop": [2]}, chart=False)]
        readme = f"# x\n\nbefore\n{report.README_BEGIN}\nold figures\n{report.README_END}\nafter\n"
        figures = report.readme_figures(self.meta(0.1), [section(rows, ("asyncio4j", "uvloop"))])
        text = report.with_readme_figures(readme, figures)
        self.assertIn("Measured by `asyncio4j-bench/run` on 2026-01-01 00:00 UTC", text)
        self.assertIn("| task switch | 240 ns/switch | 10.00x uvloop |", text)
        self.assertNotIn("old figures", text)
        self.assertNotIn("µs", text)
        self.assertTrue(text.startswith("# x\n\nbefore\n") and text.endswith("after\n"))
        self.assertEqual(text, report.with_readme_figures(text, figures))
        with self.assertRaises(ValueError):
            report.with_readme_figures("# no markers\n", figures)

    def test_other_work_is_the_machines_busy_time_that_was_not_the_runs(self):
        start = {"busy": 100.0, "steal": 5.0, "own": 10.0, "wall": 1000.0}
        end = {"busy": 180.0, "steal": 9.0, "own": 80.0, "wall": 1040.0}
        shares = report.other_work(start, end, 2)
        self.assertAlmostEqual(10 / 80, shares["other"])
        self.assertAlmostEqual(4 / 80, shares["steal"])
        self.assertIsNone(report.other_work(None, end, 2))
        snapshot = report.cpu_snapshot()
        self.assertGreater(snapshot["own"], 0)

    def test_a_run_whose_own_load_fills_the_machine_is_not_busy(self):
        meta = self.meta(os.cpu_count() * 2.0)
        meta["other_work"] = {"other": 0.02, "steal": 0.0}
        text = report.markdown(meta, [], [], None, False)
        self.assertNotIn("busy with other work", text)
        self.assertIn("2 % of the machine's CPU went to other processes", text)
        meta["other_work"] = {"other": 0.35, "steal": 0.0}
        self.assertIn("busy with other work during this run (35 % of the machine's CPU went to other",
                      report.markdown(meta, [], [], None, False))

    def test_json_holds_medians_ratios_and_targets(self):
        rows = [Row("timers", "timers", "ms", False, {"asyncio4j": [2, 4], "uvloop": [9]})]
        data = json.loads(report.to_json({"command": "c"}, [section(rows)], []))
        row = data["sections"][0]["rows"][0]
        self.assertEqual(3, row["medians"]["asyncio4j"])
        self.assertEqual(3.0, row["ratios"]["uvloop"])


    def test_a_section_comes_back_from_its_json(self):
        rows = [Row("gather", "gather", "ms", False, {"asyncio4j": [10], "uvloop": [25]},
                    [Target("at least 3x uvloop", peer="uvloop", at_least=3, issue=3)]),
                Row("gather_cpu", "gather", "µs", False, {"asyncio4j": [1], "uvloop": [2]}, chart=False)]
        again = Section.from_json(json.loads(json.dumps(section(rows, ("asyncio4j", "uvloop")).to_json())))
        self.assertEqual(section(rows, ("asyncio4j", "uvloop")).table(), again.table())
        self.assertEqual([False], [t.check(again.rows[0])[1] for t in again.rows[0].targets])
        self.assertEqual([True, False], [row.chart for row in again.rows])


class FindingsTest(unittest.TestCase):

    def test_each_finding_names_rows_that_exist(self):
        keys = {"task_spawn", "gather", "pending_memory", "spawn_true", "echo_100k_protocol_cpu", "task_switch",
                "echo_tls_1k_streams", "idle_connections_streams", "http_json", "demo_fetch_warm", "demo_fetch_cold"}
        for title, pattern, _ in findings.FINDINGS:
            self.assertTrue(any(re.fullmatch(pattern, key) for key in keys), title)
        self.assertEqual(set(), findings.covered({"no_such_row"}), "the general finding explains no row alone")


class RoundsTest(unittest.TestCase):

    def rounds(self, allotment, deadline, reserve=0.0):
        ctx = Context("/nowhere", "java", False, None, {"core": allotment}, deadline, {"core": reserve})
        return list(ctx.rounds("core", 3)), ctx.rounds_note("core")

    def test_every_planned_round_when_there_is_time(self):
        self.assertEqual(([0, 1, 2], "3 rounds"), self.rounds(3600, time.time() + 3600))

    def test_only_the_first_round_once_the_deadline_is_near(self):
        self.assertEqual(([0], "1 of 3 planned rounds (the rest did not fit the suite's time budget)"),
                         self.rounds(3600, time.time() - 1))
        self.assertEqual([0], self.rounds(3600, time.time() + 3600, reserve=3600)[0],
                         "the suites after it keep their first round's time")

    def test_only_the_first_round_when_the_suites_allotment_is_spent(self):
        self.assertEqual([0], self.rounds(-1, time.time() + 3600)[0])


class ChartTest(unittest.TestCase):

    def test_charts_the_charted_rows_ratios_without_references(self):
        rows = [Row("a", "echo", "requests/s", True, {"asyncio4j": [2], "netty": [1], "c-ceiling": [4]}),
                Row("b", "cpu", "µs", False, {"asyncio4j": [2], "netty": [1]}, chart=False)]
        self.assertEqual([("echo", [("netty", 2.0)])], chart.bars([section(rows, ("asyncio4j", "netty"))]))

    def test_draws_a_png_or_says_why_not(self):
        rows = [Row("a", "echo", "requests/s", True, {"asyncio4j": [2], "netty": [1]})]
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "chart.png")
            why_not = chart.draw([section(rows, ("asyncio4j", "netty"))], path, "title", "subtitle")
            if why_not is None:
                with open(path, "rb") as f:
                    self.assertEqual(b"\x89PNG", f.read(4))
            else:
                self.assertIn("matplotlib", why_not)


class WorkloadsTest(unittest.TestCase):

    def test_timers_fire_the_quarter_not_cancelled(self):
        loop = asyncio.new_event_loop()
        try:
            value, unit = core_bench.timers(loop, count=1000)
        finally:
            loop.close()
        self.assertEqual("ms", unit)
        self.assertGreater(value, 0)

    def test_listings_have_reddits_shape(self):
        for subreddit in listings.SUBREDDITS:
            listing = json.loads(listings.listing(subreddit))
            posts = listing["data"]["children"]
            self.assertEqual(5, len(posts))
            for post in posts:
                self.assertEqual({"score", "title", "url"}, {"score", "title", "url"} & post["data"].keys())


if __name__ == "__main__":
    unittest.main()
