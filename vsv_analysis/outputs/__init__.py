"""What the tool writes for other programs and for Excel, from the evidence, the network and the measures.

- :mod:`.tables`: the tables behind ``vsv-analysis table``, as CSV or XLSX;
- :mod:`.labels`: those tables in the reports' Dutch words;
- :mod:`.graphfiles`: the network as GEXF (Gephi) or GraphML;
- :mod:`.snapshot`: the tidy tables a render rests on, kept beside its reports;
- :mod:`.changes`: what changed between two snapshots.
"""
