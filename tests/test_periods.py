from datetime import date

import pytest

from lancs_dash.figures.periods import parse_month, period_end, period_words


def test_parse_month():
    assert parse_month("2024-03") == date(2024, 3, 1)
    for bad in ("2024-13", "24-03", "2024-3", "", "2024-03'; --"):
        with pytest.raises(ValueError):
            parse_month(bad)


@pytest.mark.parametrize(("text", "end", "words"), [
    ("2017/18", date(2018, 3, 1), "April 2017 to March 2018"),
    ("YE Jun 2014", date(2014, 6, 1), "year ending June 2014"),
    ("Jul 2021", date(2021, 7, 1), "July 2021"),
    ("2023", date(2023, 12, 1), "2023"),
    ("current", None, "current"),
    ("1981-1985 annual average", date(1985, 12, 1), "1981 to 1985 (annual average)"),
    ("Apr-Jun 2020", date(2020, 6, 1), "April to June 2020"),
])
def test_published_periods_in_words_and_their_last_month(text, end, words):
    assert period_end(text) == end and period_words(text) == words
