"""Practice that comes back: a learner's record per link, and the next seed chosen from it."""

from graph.teaching.practice import RECENT, Record


def test_a_new_record_weighs_every_link_alike_and_keeps_the_first_seed():
    record = Record()
    assert record.standing(7) == "new"
    assert record.best_seed(lambda seed: {seed}, [5, 3, 9]) == 5


def test_wrong_links_weigh_most_then_new_ones_then_those_right_a_while_ago_then_those_right_lately():
    record = Record()
    record.remember({1: True})
    record.remember({2: False})
    assert (record.standing(1), record.standing(2), record.standing(3)) == ("lately", "wrong", "new")
    for _ in range(RECENT):
        record.remember({})
    assert record.standing(1) == "a while ago"
    assert record.weight(2) > record.weight(3) >= record.weight(1) > 0
    record.remember({1: True})
    assert record.weight(1) < 0


def test_a_later_result_replaces_an_earlier_one():
    record = Record()
    record.remember({4: False, 5: False})
    record.remember({4: True})
    assert record.wrong() == (5,)
    assert record.results[4] == (True, 2)


def test_the_seed_whose_links_weigh_most_is_chosen():
    record = Record()
    record.remember({10: False, 11: True})
    links = {1: [11, 12], 2: [10, 12], 3: [12, 13]}
    assert record.best_seed(links.__getitem__, [1, 2, 3]) == 2  # asks again about link 10, got wrong
    record.remember({10: True})
    assert record.best_seed(links.__getitem__, [1, 2, 3]) == 3  # nothing wrong: links not seen yet come first
