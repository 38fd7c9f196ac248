"""Library functions and report parameters refuse wrong arguments with a sentence a user understands."""

import re

import networkx as nx
import numpy as np
import pytest

from vsv_analysis.cli import main
from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.jupyter.parameters import ParameterError, check_parameters
from vsv_analysis.network import DEFAULT_ROLE_WEIGHTS, build_network, role_weights


@pytest.fixture(scope="module")
def data():
    return load_dataset(year=2022)


def test_empty_roles_mean_all_roles_as_in_the_notebooks(data):
    everything = build_network(data)
    assert everything.number_of_edges() == 20
    assert nx.utils.graphs_equal(build_network(data, roles=[]), everything)
    assert build_network(data, roles=[]).graph["roles"] == everything.graph["roles"]
    assert build_network(data, roles=["observer"]).number_of_edges() == 1


@pytest.mark.parametrize("arguments, error, message", [
    ({"expand_regions": "no"}, TypeError, "expand_regions must be True or False, not 'no'"),
    ({"expand_regions": None}, TypeError, "expand_regions must be True or False, not None"),
    ({"include_unresolved": 1}, TypeError, "include_unresolved must be True or False, not 1"),
    ({"roles": 5}, TypeError, "roles must be a list of role names such as ['partner', 'observer'], not 5"),
    ({"roles": {"partner": 1}}, TypeError, "roles must be a list of role names such as ['partner', 'observer'], "
                                           "not {'partner': 1}"),
    ({"roles": ["partner", 1]}, TypeError, "roles must be a list of role names such as ['partner', 'observer']; "
                                           "1 is not a name"),
    ({"roles": ["partnr"]}, ValueError, "unknown role 'partnr'; known roles: "),
    ({"weights": [("observer", 0)]}, TypeError, "role weights must be a mapping of role name to number, such as "
                                                "{'observer': 0.0}, not [('observer', 0)]"),
    ({"weights": {"observer": float("nan")}}, ValueError,
     "role weight for 'observer' must be a finite number of 0 or more, not nan"),
    ({"weights": {"observer": float("inf")}}, ValueError,
     "role weight for 'observer' must be a finite number of 0 or more, not inf"),
    ({"weights": {"observer": -0.5}}, ValueError, "role weight for 'observer' must be a finite number of 0 or more, "
                                                  "not -0.5"),
    ({"weights": {"observer": "0.5"}}, TypeError, "role weight for 'observer' must be a number of 0 or more, "
                                                  "not '0.5'"),
    ({"weights": {"observer": True}}, TypeError, "role weight for 'observer' must be a number of 0 or more, not True"),
    ({"weights": {1: 0.5}}, TypeError, "1 is not a name"),
])
def test_wrong_arguments_are_refused_in_plain_words(data, arguments, error, message):
    with pytest.raises(error, match=re.escape(message)):
        build_network(data, **arguments)


def test_data_must_be_a_dataset():
    with pytest.raises(TypeError, match=re.escape("data must be a Dataset, as vsv_analysis.load_dataset() "
                                                  "returns, not str")):
        build_network("data/")


def test_numpy_values_count_as_booleans_and_numbers(data):
    G = build_network(data, expand_regions=np.bool_(True), weights={"observer": np.float64(0.75)})
    assert G.graph["expand_regions"] is True
    assert G.number_of_edges() == 57  # 20 named, and 16 + 21 region members
    assert {d["weight"] for *_, d in G.edges(data=True) if d["role"] == "observer"} == {0.75}  # Boxmeer
    assert role_weights({"observer": np.int64(0)}) == {**DEFAULT_ROLE_WEIGHTS, "observer": 0.0}


@pytest.mark.parametrize("values, message", [
    ({"role_weights": "{observer: .nan}"}, "role weight for 'observer' must be a finite number of 0 or more, not nan"),
    ({"role_weights": "{observer: .inf}"}, "role weight for 'observer' must be a finite number of 0 or more, not inf"),
    ({"role_weights": "{1: 0.5}"}, "1 is not a name"),
    ({"roles": "[1, 2]"}, "'roles' must be a list of names"),
    ({"null_models": 10_001}, "parameter 'null_models' must be at most 10,000, not 10,001"),
    ({"null_models": "1000000000"}, "parameter 'null_models' must be at most 10,000, not 1,000,000,000"),
    ({"null_models": ".inf"}, "parameter 'null_models' must be a whole number"),
    ({"seed": 2**32}, "parameter 'seed' must be at most 4,294,967,295, not 4,294,967,296"),
    ({"seed": -1}, "parameter 'seed' must be 0 or more, not -1"),
    ({"data_dir": "x" * 300}, "parameter 'data_dir': the name 'xxx"),
    ({"data_dir": "a\0b"}, "parameter 'data_dir': folder 'a\\x00b' does not exist"),
])
def test_bad_parameters_are_refused(values, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        check_parameters(values)


def test_parameters_at_their_bounds_are_accepted():
    assert check_parameters({"null_models": 10_000, "seed": 2**32 - 1, "roles": []}) == {
        "null_models": 10_000, "seed": 2**32 - 1, "roles": []}


def test_render_refuses_a_huge_null_model_count_before_any_kernel_starts(tmp_path, capsys):
    assert main(["render", "--output-dir", str(tmp_path), "-p", "null_models", "1000000000"]) == 2
    err = capsys.readouterr().err
    assert err.endswith(" vsv-analysis: parameter 'null_models' must be at most 10,000, not 1,000,000,000\n")
    assert list(tmp_path.iterdir()) == []
