"""Report parameters are checked before any kernel starts."""

import pytest

from vsv_analysis.cli import main
from vsv_analysis.jupyter.parameters import ParameterError, check_parameters, load_parameter_file


def test_values_from_the_command_line_are_read_as_yaml():
    assert check_parameters({"year": "2021", "roles": "[partner, observer]", "role_weights": "{observer: 0}",
                             "expand_regions": "true", "data_dir": ""}) == {
        "year": 2021, "roles": ["partner", "observer"], "role_weights": {"observer": 0},
        "expand_regions": True, "data_dir": ""}


@pytest.mark.parametrize("values, message", [
    ({"yaer": 2021}, "unknown parameter 'yaer'.*did you mean 'year'"),
    ({"year": "twee"}, "'year' must be a whole number"),
    ({"year": True}, "'year' must be a whole number"),
    ({"year": 2019}, "2019 is not covered; choose a year from 2021 to 2026"),
    ({"expand_regions": "ja graag"}, "'expand_regions' must be true or false"),
    ({"roles": "partner"}, "'roles' must be a list"),
    ({"roles": ["partnr"]}, "unknown role 'partnr'.*did you mean 'partner'"),
    ({"role_weights": {"observer": -1}}, "number of 0 or more"),
    ({"role_weights": "[1, 2]"}, "'role_weights' must be a mapping"),
    ({"data_dir": "no/such/folder"}, "folder 'no/such/folder' does not exist"),
    ({"null_models": -5}, "'null_models' must be 0 or more"),
    ({"alpha": "veel"}, "'alpha' must be a number such as 0.05, not 'veel'"),
    ({"alpha": True}, "'alpha' must be a number such as 0.05"),
    ({"alpha": 1}, "'alpha' must lie between 0 and 1, such as 0.05, not 1"),
    ({"alpha": "0"}, "'alpha' must lie between 0 and 1"),
    ({"multiple_testing": "holm"}, "'multiple_testing' must be one of bh, bonferroni, not 'holm'"),
    ({"nodf_empty": "vegan"}, "'nodf_empty' must be one of drop, keep, not 'vegan'"),
    ({"closeness": "igraph"}, "'closeness' must be one of component, networkx, not 'igraph'"),
])
def test_bad_parameters_are_refused(values, message):
    with pytest.raises(ParameterError, match=message):
        check_parameters(values)


def test_measure_conventions_are_read_and_kept():
    assert check_parameters({"alpha": "0.01", "multiple_testing": "bonferroni", "nodf_empty": "keep",
                             "closeness": "networkx"}) == {"alpha": 0.01, "multiple_testing": "bonferroni",
                                                           "nodf_empty": "keep", "closeness": "networkx"}


def test_parameter_file(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text("year: 2021\nexpand_regions: true\n", encoding="utf-8")
    assert load_parameter_file(path) == {"year": 2021, "expand_regions": True}
    path.write_text("- not a mapping\n", encoding="utf-8")
    with pytest.raises(ParameterError, match="NAME: VALUE"):
        load_parameter_file(path)


def test_cli_refuses_before_any_kernel_starts(tmp_path, capsys):
    assert main(["render", "--output-dir", str(tmp_path), "-p", "year", "2019"]) == 2
    err = capsys.readouterr().err
    assert "2019 is not covered" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing rendered, no folder made


def test_map_parameters():
    assert check_parameters({"map_mode": "tiles"}) == {"map_mode": "tiles"}
    with pytest.raises(ParameterError, match="'map_mode' must be one of auto, tiles, boundaries"):
        check_parameters({"map_mode": "satellite"})
    with pytest.raises(ParameterError, match="'boundaries_file': file 'missing.geojson' does not exist"):
        check_parameters({"boundaries_file": "missing.geojson"})
