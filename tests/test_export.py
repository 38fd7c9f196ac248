"""GEXF and GraphML export: flattened attributes, a round trip, and no half-written files."""

import networkx as nx
import pytest

from vsv_analysis.dataset import load_dataset
from vsv_analysis.export import flatten_attributes, write_graph
from vsv_analysis.network import build_network


@pytest.fixture(scope="module")
def vsv():
    # Galderen kept as a node here: its missing population is what trips plain networkx.
    return build_network(load_dataset(year=2022), expand_regions=True, include_unresolved=True)


def test_plain_networkx_cannot_write_the_raw_graph(vsv, tmp_path):
    with pytest.raises((TypeError, nx.NetworkXError)):
        nx.write_graphml(vsv, tmp_path / "raw.graphml")


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_round_trip(vsv, tmp_path, fmt):
    path = write_graph(vsv, tmp_path / f"vsv.{fmt}")
    back = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (53, 58)
    assert back.nodes["GM0796"]["name"] == "'s-Hertogenbosch"
    assert back.nodes["GM0796"]["population"] == 156538
    assert back.nodes["pilot_altena"]["themes"] == "Bestuurlijke Vernieuwing; Kwaliteit Openbaar Bestuur"
    assert back.edges["pilot_altena", "GM1959"]["mention_ids"] == "M14; M15; M16; M17"
    assert back.edges["veerkrachtdialoog", "GM1723"]["via_region"] == "west-brabant"
    assert "population" not in back.nodes["unresolved:Galderen"]  # None is left out, not written as text


def test_gexf_labels_are_names(vsv, tmp_path):
    text = write_graph(vsv, tmp_path / "vsv.gexf").read_text(encoding="utf-8")
    assert 'label="Land van Cuijk"' in text


def test_flatten_keeps_the_original(vsv):
    flat = flatten_attributes(vsv)
    assert isinstance(vsv.nodes["pilot_altena"]["themes"], list)
    assert isinstance(flat.graph["roles"], str)


def test_failed_write_keeps_the_previous_file(vsv, tmp_path, monkeypatch):
    path = write_graph(vsv, tmp_path / "vsv.graphml")
    before = path.read_bytes()

    def broken(graph, target):
        with open(target, "w") as handle:
            handle.write("<half")
        raise OSError("disk full")

    monkeypatch.setattr(nx, "write_graphml", broken)
    with pytest.raises(OSError):
        write_graph(vsv, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["vsv.graphml"]


def test_unknown_format(vsv, tmp_path):
    with pytest.raises(ValueError, match="gexf or graphml"):
        write_graph(vsv, tmp_path / "vsv.json")
