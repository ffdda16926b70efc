"""graph/params.py: the one module that parses and formats the app's address."""

from hypothesis import given
from hypothesis import strategies as st

from graph.params import OWN_GRAPH, Address, format, of_view, parse, read_params

text = st.text(min_size=1, max_size=30)
number = st.integers(min_value=0, max_value=10**12)
maybe = st.none().__or__

addresses = st.builds(
    Address,
    focus=st.one_of(st.just(""), text),
    depth=st.sampled_from([1, 2, 3, None]),
    hidden=st.frozensets(text.filter(lambda kind: "," not in kind), max_size=4),
    page=number,
    path=maybe(st.tuples(text, text)),
    tour=maybe(text),
    step=maybe(number),
    quiz=maybe(number),
    fill=maybe(number),
    own_graph=st.booleans(),
    map_id=maybe(text),
    version=maybe(number),
    key=maybe(st.text(max_size=30)),
)


@given(addresses)
def test_an_address_survives_its_url(address):
    params = format(address)
    assert all(isinstance(value, str) for value in params.values())
    assert parse(params) == address
    assert not parse(params).unread


@given(
    st.dictionaries(
        st.sampled_from(
            [
                "focus",
                "depth",
                "hide",
                "page",
                "tour",
                "step",
                "quiz",
                "fill",
                "from",
                "to",
                "graph",
                "map",
                "v",
                "key",
                "me",
                "other",
            ]
        ),
        st.text(max_size=12),
    )
)
def test_any_parameters_parse_and_format_again_unchanged(params):
    address = parse(params)
    assert parse(format(address)) == address


def test_defaults_are_left_out_of_the_url():
    assert format(Address()) == {}
    assert format(Address(focus="Levodopa")) == {"focus": "Levodopa"}


def test_every_parameter_has_its_name():
    address = Address("F", 2, frozenset({"b", "a"}), 3, ("X", "Y"), "T", 4, 5, 6, True, "m1", 7, "k", "me1")
    assert format(address) == {
        "focus": "F",
        "depth": "2",
        "hide": "a,b",
        "page": "3",
        "tour": "T",
        "step": "4",
        "quiz": "5",
        "fill": "6",
        "from": "X",
        "to": "Y",
        "graph": OWN_GRAPH,
        "map": "m1",
        "v": "7",
        "key": "k",
    }


def test_values_a_parameter_cannot_take_are_kept_for_the_message():
    address = parse({"depth": " NINE ", "quiz": "abc", "step": "²", "v": "1_0", "fill": "", "page": "x"})
    assert (address.depth, address.quiz, address.step, address.version, address.fill, address.page) == (
        1,
        None,
        None,
        None,
        None,
        0,
    )
    assert dict(address.unread) == {"depth": "nine", "quiz": "abc", "step": "²", "v": "1_0", "fill": ""}


def test_a_path_needs_both_ends():
    assert parse({"from": "A"}).path is None
    assert parse({"from": "A", "to": "B"}).path == ("A", "B")


def test_the_view_an_address_names_is_found_in_the_graph(article):
    state, messages = read_params(parse({"focus": "levadopa", "depth": "all", "hide": "symptom,nonsense", "page": "2"}), article)
    assert (state.focus, state.depth, state.hidden, state.page) == ("Levodopa", None, frozenset({"symptom"}), 2)
    assert messages == []
    assert format(of_view(state)) == {"focus": "Levodopa", "depth": "all", "hide": "symptom", "page": "2"}
