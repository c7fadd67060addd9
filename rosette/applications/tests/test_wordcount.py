import pytest

from rosette.applications.wordcount import count_words

# The same cases are checked against the browser's count in tests/browser/test_wordcount.py.
AWKWARD = [
    ("", 0),
    ("   \n\t ", 0),
    ("one", 1),
    ("Hello, world!", 2),
    ("well-being and self-care", 3),
    ("don't can’t won't", 3),
    ("It was 3.5 hours on 28 days", 7),
    ("e.g. the 2nd of May", 5),
    ("non\u00a0breaking\u00a0spaces", 3),
    ("word — dash – en dash - hyphen", 5),
    ("emoji 😀 🎉 are not words", 4),
    ("“Curly quotes” from Word…", 4),
    ("soft\u00adhyphen", 1),
    ("café naïve Gàidhlig", 3),
    ("tab\tseparated\nlines\r\nhere", 4),
    ("1,000 people", 3),
    ("#hashtag @handle", 2),
]


@pytest.mark.parametrize(("text", "expected"), AWKWARD)
def test_words_are_counted_the_same_way_everywhere(text: str, expected: int) -> None:
    assert count_words(text) == expected
