"""The independent reference: every metric of networkShape, computed by networkx on the same graph.

stdin:  {"nodes": ["a", "b", ...], "links": [{"source": "a", "target": "b", "weight": 2}, ...],
         "partition": [["a", "b"], ["c"]]}      (the partition our engine found, for its modularity)
stdout: {"degree": {...}, "pagerank": {...}, "betweenness": {...}, "clustering": {...}, ...}
"""
import json
import sys

import networkx as nx

data = json.load(sys.stdin)
G = nx.Graph()
G.add_nodes_from(data["nodes"])
for link in data["links"]:
    G.add_edge(link["source"], link["target"], weight=link["weight"])

components = list(nx.connected_components(G))
louvain = nx.community.louvain_communities(G, weight="weight", resolution=1, seed=42)
out = {
    "actorCount": G.number_of_nodes(),
    "linkCount": G.number_of_edges(),
    "density": nx.density(G),
    "averageDegree": (2 * G.number_of_edges() / G.number_of_nodes()) if G.number_of_nodes() else 0,
    "componentCount": len(components),
    "largestComponentSize": max((len(c) for c in components), default=0),
    "isolated": sorted(nx.isolates(G)),
    "degree": dict(G.degree()),
    "pagerank": nx.pagerank(G, alpha=0.85, weight=None, tol=1e-12, max_iter=1000),
    "betweenness": nx.betweenness_centrality(G, normalized=True, weight=None),
    "clustering": nx.clustering(G),
    "averageClustering": nx.average_clustering(G),
    "articulationPoints": sorted(nx.articulation_points(G)),
    "louvainModularity": nx.community.modularity(G, louvain, weight="weight"),
    "partitionModularity": nx.community.modularity(G, [set(c) for c in data["partition"]], weight="weight")
    if data.get("partition") else None,
}
json.dump(out, sys.stdout)
