"""`make lighthouse` judges each report against the goals (tools/lighthouse.py), no browser."""

from tools.lighthouse import misses


def report(performance=1.0, accessibility=1.0, cls=0.0):
    """The parts of a Lighthouse report the goals read: category scores, their audits and CLS."""
    audits = {
        "largest-contentful-paint": {"score": performance, "numericValue": 2100.0},
        "cumulative-layout-shift": {"score": 1.0, "numericValue": cls},
        "image-alt": {"score": accessibility, "numericValue": None},
        "color-contrast": {"score": None, "numericValue": None},  # not applicable
        "meta-description": {"score": 1.0, "numericValue": None},
    }
    categories = {
        "performance": (performance, ["largest-contentful-paint", "cumulative-layout-shift"]),
        "accessibility": (accessibility, ["image-alt", "color-contrast"]),
        "best-practices": (1.0, []),
        "seo": (1.0, ["meta-description"]),
    }
    return {
        "audits": audits,
        "categories": {
            name: {"score": score, "auditRefs": [{"id": audit, "weight": 10} for audit in refs]}
            for name, (score, refs) in categories.items()
        },
    }


def test_a_report_at_the_goals_misses_none():
    assert misses(report(performance=0.95, cls=0.02)) == []


def test_performance_under_95_is_a_miss_naming_the_audits_that_cost_points():
    assert misses(report(performance=0.94)) == ["performance 94 < 95: largest-contentful-paint"]


def test_accessibility_under_100_is_a_miss():
    assert misses(report(accessibility=0.99)) == ["accessibility 99 < 100: image-alt"]


def test_a_layout_shift_over_0_02_is_a_miss():
    assert misses(report(cls=0.03)) == ["cumulative layout shift 0.030 > 0.02"]


def test_a_category_lighthouse_could_not_score_is_a_miss():
    assert misses(report(performance=None)) == ["performance 0 < 95: not scored"]
