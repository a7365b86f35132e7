#!/usr/bin/env python3
"""Hand-made checks of bench/web/score.py (run by bench/web.sh before the
benchmark, or by hand: python3 bench/web/test_score.py). Not part of cargo test."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from score import (count_item, date_outcome, date_scores, date_visible, norm,  # noqa: E402
                   score_system, text_scores, txt_name)


class MainText(unittest.TestCase):
    item = {"file": "a.html.gz", "with": ["Die GEMA dreht", "200 g\nZucker"],
            "without": ["Impressum", "Sharen mit"]}

    def test_norm_collapses_unicode_whitespace(self):
        self.assertEqual(norm("  a\u00a0\n\t b  "), "a b")

    def test_counts_like_trafilatura(self):
        # one with found (across a line break: whitespace collapsed on both
        # sides), one missing; one without present, one absent
        result = "Die  GEMA\ndreht völlig am Zeiger. 200 g Zucker. Impressum"
        self.assertEqual(count_item(self.item, result), (2, 1, 0, 1))
        self.assertEqual(count_item(self.item, "Die GEMA dreht"), (1, 0, 1, 2))

    def test_case_sensitive_substring(self):
        self.assertEqual(count_item(self.item, "die gema dreht impressum"), (0, 0, 2, 2))

    def test_no_result_finds_nothing(self):
        self.assertEqual(count_item(self.item, None), (0, 0, 2, 2))
        self.assertEqual(count_item(self.item, ""), (0, 0, 2, 2))

    def test_scores(self):
        p, r, acc, f1 = text_scores(tp=8, fp=2, fn=2, tn=8)
        self.assertAlmostEqual(p, 0.8)
        self.assertAlmostEqual(r, 0.8)
        self.assertAlmostEqual(acc, 0.8)
        self.assertAlmostEqual(f1, 0.8)
        self.assertEqual(text_scores(0, 0, 0, 0), (0.0, 0.0, 0.0, 0.0))


class Dates(unittest.TestCase):
    def test_outcomes_like_htmldate(self):
        self.assertEqual(date_outcome("2014-07-19", "2014-07-19"), "tp")
        self.assertEqual(date_outcome("2014-07-19", "2014-07-18"), "fp")
        self.assertEqual(date_outcome("2014-07-19", None), "fn")
        self.assertEqual(date_outcome(None, None), "tn")

    def test_scores(self):
        # 6 right, 1 wrong, 3 missing: precision 6/7, recall 6/9, accuracy 6/10, F1 12/16
        p, r, acc, f1 = date_scores(6, 1, 3, 0)
        self.assertAlmostEqual(p, 6 / 7)
        self.assertAlmostEqual(r, 6 / 9)
        self.assertAlmostEqual(acc, 0.6)
        self.assertAlmostEqual(f1, 0.75)

    def test_visible(self):
        d = "2014-07-09"
        for text in ["Posted on 2014-07-09 by x", "am 9. Juli 2014", "09.07.2014", "9/7/14",
                     "July 9th, 2014", "Jul 9 2014", "le 9 juillet 2014", "9 de julio de 2014",
                     "2014年7月9日", "09-Jul-2014", "7/9/2014"]:
            self.assertTrue(date_visible(text, d), text)
        for text in ["2014-07-19", "19.07.2014", "9 June 2014", "Juli 2014", "109.07.2014", ""]:
            self.assertFalse(date_visible(text, d), text)


class Report(unittest.TestCase):
    def test_score_system(self):
        text_gold = [{"file": "a", "with": ["x y"], "without": ["z"]},
                     {"file": "b", "with": ["q"], "without": ["r"]}]
        date_gold = [{"file": "a", "date": "2020-01-02"}, {"file": "b", "date": "2020-01-03"},
                     {"file": "c", "date": "2020-01-04"}]
        rows = {"a": {"file": "a", "text": "x\ny z", "date": "2020-01-02", "ms": 10},
                "b": {"file": "b", "text": "", "date": "2020-01-01", "ms": 30}}
        r = score_system("s", rows, None, text_gold, date_gold)
        self.assertEqual((r["text"]["tp"], r["text"]["fp"], r["text"]["fn"], r["text"]["tn"]), (1, 1, 1, 1))
        self.assertEqual((r["date"]["tp"], r["date"]["fp"], r["date"]["fn"]), (1, 1, 1))
        self.assertAlmostEqual(r["speed"]["pages_per_s"], 50.0)
        # text pages: only the dates visible in the text count
        rows["a"]["date_visible"], rows["b"]["date_visible"] = True, False
        r = score_system("s", rows, {"seconds": 2, "pages": 3}, text_gold, date_gold)
        self.assertEqual((r["date"]["pages"], r["date"]["tp"]), (1, 1))
        self.assertAlmostEqual(r["speed"]["pages_per_s"], 1.5)

    def test_txt_name(self):
        self.assertEqual(txt_name("a.b.html.gz"), "a.b.txt")
        self.assertEqual(txt_name("colours-of-the-soul.alhelm.net.gz"), "colours-of-the-soul.alhelm.net.txt")


if __name__ == "__main__":
    unittest.main()
