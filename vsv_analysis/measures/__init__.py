"""The measures on the bipartite network, each a module of its own, each returning tidy tables.

- :mod:`.projection`: the sparse biadjacency matrix and one-mode projections the others build on;
- :mod:`.centrality`: who holds the network together (degree, betweenness, closeness, PageRank);
- :mod:`.overlap`: whether initiatives reach the same municipalities (shared, Jaccard, communities);
- :mod:`.nestedness`: whether small initiatives reach a subset of what big ones reach, against chance;
- :mod:`.coverage`: how much of the area, in municipalities, residents and regions, the programme reaches.

Import the module you need: ``from vsv_analysis.measures import coverage``.
"""
