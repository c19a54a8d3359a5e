"""``merge-log.json`` written without the standard library's indenting encoder: the same bytes."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from graph.export.merge_log import encode, write_merge_log

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(), inner, max_size=4), max_leaves=30)


@given(VALUES)
def test_any_value_is_encoded_as_json_dumps_indents_it(value):
    assert encode(value) == json.dumps(value, indent=2, ensure_ascii=False)


@given(st.dictionaries(st.text(), st.lists(VALUES, max_size=3) | VALUES, max_size=3))
def test_a_log_is_written_as_json_dump_writes_it(tmp_path_factory, log):
    path = tmp_path_factory.mktemp("log") / "merge-log.json"
    write_merge_log(path, log)
    assert path.read_bytes() == (json.dumps(log, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def test_the_seeds_log_is_the_same_bytes(seeds_merged, tmp_path):
    log = seeds_merged[1].log
    write_merge_log(tmp_path / "merge-log.json", log)
    assert log["events"] and log["kept_apart"]
    written = (tmp_path / "merge-log.json").read_text(encoding="utf-8")
    assert written == json.dumps(log, indent=2, ensure_ascii=False) + "\n"
