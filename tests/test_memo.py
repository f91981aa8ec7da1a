from analysis._memo import memoize_text


def _counted(max_chars):
    calls = []

    @memoize_text(max_chars=max_chars)
    def length(text, times=1):
        calls.append(text)
        return len(text) * times

    return length, calls


def test_repeated_text_is_computed_once_per_argument_tuple():
    length, calls = _counted(100)
    assert [length("abc"), length("abc"), length("abc", 2), length("abc", 2)] == [3, 3, 6, 6]
    assert calls == ["abc", "abc"]  # ("abc",) and ("abc", 2) are two entries


def test_least_recent_texts_leave_when_the_characters_exceed_the_budget():
    length, calls = _counted(10)
    for text in ("aaaa", "bbbb", "aaaa", "cccc"):  # 4 + 4 + 4 = 12 > 10: "bbbb" (least recent) leaves
        length(text)
    length("aaaa"), length("bbbb")
    assert calls == ["aaaa", "bbbb", "cccc", "bbbb"]


def test_a_text_longer_than_the_budget_is_kept_alone():
    length, calls = _counted(3)
    length("ab"), length("abcd"), length("abcd")  # computed once; "ab" makes room for it
    length("ab")
    assert calls == ["ab", "abcd", "ab"]
    length("xy"), length("abcd")  # "xy" pushed the long text out again
    assert calls == ["ab", "abcd", "ab", "xy", "abcd"]


def test_cache_clear_forgets_everything():
    length, calls = _counted(100)
    length("x"), length.cache_clear(), length("x")
    assert calls == ["x", "x"]
