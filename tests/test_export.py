"""GEXF and GraphML export: flattened attributes, a round trip, and no half-written files."""

import math
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from lxml import etree

from vsv_analysis.evidence.dataset import load_dataset
from vsv_analysis.evidence.vocabulary import default_vocabulary
from vsv_analysis.figures import MUNICIPALITY_COLOUR, OKABE_ITO, kind_colours
from vsv_analysis.network import build_network
from vsv_analysis.outputs.graphfiles import flatten_attributes, write_graph

KIND_COLOURS = kind_colours(default_vocabulary().values("kind"))


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


SCHEMA = Path(__file__).resolve().parent / "schemas" / "gexf-1.2draft" / "gexf.xsd"
GEXF = "{http://www.gexf.net/1.2draft}"
VIZ = "{http://www.gexf.net/1.2draft/viz}"


def test_gexf_validates_against_the_gexf_12_schema(vsv, tmp_path):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.parse(str(write_graph(vsv, tmp_path / "vsv.gexf")))
    assert schema.validate(document), schema.error_log
    assert document.getroot().get("version") == "1.2"
    assert document.find(f"{GEXF}graph").get("name") is None


def test_the_schema_catches_what_networkx_alone_writes(vsv, tmp_path):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    nx.write_gexf(flatten_attributes(vsv), tmp_path / "plain.gexf")
    assert not schema.validate(etree.parse(str(tmp_path / "plain.gexf")))
    assert "attribute 'name' is not allowed" in str(schema.error_log)


def test_gexf_meta_says_what_made_the_network(vsv, tmp_path):
    root = ElementTree.parse(write_graph(vsv, tmp_path / "vsv.gexf")).getroot()
    meta = root.find(f"{GEXF}meta")
    assert meta.find(f"{GEXF}creator").text.startswith("vsv-analysis ")
    description = meta.find(f"{GEXF}description").text
    assert "geography year: 2022" in description
    assert "roles: partner, participant, co-designer" in description
    assert "role weights: partner=1, " in description and "observer=0.25" in description
    assert "region parties count for their members: yes" in description
    assert "population on: 2022-01-01" in description


def test_gexf_colours_and_sizes_follow_the_network_figure(vsv, tmp_path):
    root = ElementTree.parse(write_graph(vsv, tmp_path / "vsv.gexf")).getroot()
    nodes = {node.get("id"): node for node in root.iter(f"{GEXF}node")}

    def colour(node_id):
        element = nodes[node_id].find(f"{VIZ}color")
        return "#{:02X}{:02X}{:02X}".format(*(int(element.get(c)) for c in "rgb"))

    assert colour("pilot_altena") == KIND_COLOURS["pilot"] == OKABE_ITO["blue"]
    assert colour("brabant_outcomes_fund") == KIND_COLOURS["fund"]
    assert colour("GM0796") == MUNICIPALITY_COLOUR.upper()
    assert colour("unresolved:Galderen") == "#FFFFFF"
    size = float(nodes["GM0796"].find(f"{VIZ}size").get("value"))
    assert size == pytest.approx(math.sqrt(40 + 30 * vsv.degree("GM0796")), abs=0.01)
    assert nodes["GM0796"].get("label") == "'s-Hertogenbosch"


def test_graphml_has_labels_and_no_empty_values(vsv, tmp_path):
    path = write_graph(vsv, tmp_path / "vsv.graphml")
    text = path.read_text(encoding="utf-8")
    assert '<data key="d0" />' not in text and "></data>" not in text
    root = ElementTree.parse(path).getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    empty = [data.get("key") for data in root.iter(f"{ns}data") if not (data.text or "").strip()]
    assert empty == []
    back = nx.read_graphml(path)
    assert back.nodes["GM0796"]["label"] == "'s-Hertogenbosch"
    assert back.nodes["pilot_altena"]["label"] == "Pilot Altena"
    assert "b5" not in back.nodes["GM1723"] and back.nodes["GM0758"]["b5"] == "B5"
    assert back.graph["year"] == 2022 and back.graph["role_weights"].startswith("partner=1.0")
