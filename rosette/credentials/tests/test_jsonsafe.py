from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rosette.credentials.errors import CredentialFormatError
from rosette.credentials.jsonsafe import dump_json, load_json

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_any_small_json_round_trips(value: object) -> None:
    assert load_json(dump_json(value)) == value
    assert load_json(dump_json(value, pretty=True).encode()) == value


def test_depth_cap_counts_only_structure_not_brackets_in_strings() -> None:
    assert load_json('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}')
    with pytest.raises(CredentialFormatError, match="nested"):
        load_json("[" * 100 + "]" * 100)
    with pytest.raises(CredentialFormatError, match="nested"):
        load_json("[" * 100_000)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe", "UTF-8"),
        ('{"a": NaN}', "NaN"),
        ('{"a": 1, "a": 2}', "more than once"),
        ("{not json", "Not valid JSON"),
        (b"x" * 20, "larger"),
        ("x" * 20, "larger"),
    ],
)
def test_bad_json_is_refused_with_a_plain_message(data: bytes | str, message: str) -> None:
    with pytest.raises(CredentialFormatError, match=message):
        load_json(data, max_bytes=10 if message == "larger" else 1000)


def test_byte_order_mark_is_accepted() -> None:
    assert load_json(b"\xef\xbb\xbf" + json.dumps({"a": 1}).encode()) == {"a": 1}
