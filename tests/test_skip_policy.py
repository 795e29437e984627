"""Under CI=true a skipped test fails the run; locally it only says why."""

import pytest

pytest_plugins = ["pytester"]

ONE_PASS_ONE_SKIP = """
import pytest

def test_runs():
    assert True

def test_needs_something():
    pytest.skip("the thing is missing")
"""


@pytest.fixture
def suite(pytester):
    pytester.makeconftest('pytest_plugins = ["tests.skips"]')
    pytester.makepyfile(test_example=ONE_PASS_ONE_SKIP)
    return pytester


def run(suite, monkeypatch, ci):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    return suite.runpytest("-p", "no:django", "-p", "no:cacheprovider", "-ra")


def test_a_skip_fails_the_run_under_ci(suite, monkeypatch):
    result = run(suite, monkeypatch, ci="true")

    result.assert_outcomes(passed=1, skipped=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "*skipped under CI=true*",
            "*test_example.py::test_needs_something: the thing is missing",
        ]
    )


@pytest.mark.parametrize("ci", [None, "", "false"])
def test_a_skip_only_reports_its_reason_outside_ci(suite, monkeypatch, ci):
    result = run(suite, monkeypatch, ci=ci)

    result.assert_outcomes(passed=1, skipped=1)
    assert result.ret == pytest.ExitCode.OK
    result.stdout.fnmatch_lines(["SKIPPED * the thing is missing"])
    result.stdout.no_fnmatch_line("*skipped under CI=true*")


def test_a_missing_requirement_skips_its_marked_tests(suite, monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent/chromium")
    suite.makepyfile(
        test_marked="""
        import pytest

        @pytest.mark.browser
        def test_in_a_browser():
            raise AssertionError("must not run without Chromium")
        """
    )

    result = run(suite, monkeypatch, ci="true")

    result.assert_outcomes(passed=1, skipped=2)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        ["*test_marked.py::test_in_a_browser: no Chromium at /nonexistent/chromium*"]
    )
