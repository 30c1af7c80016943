"""Fair assignment of participants to workshops from ranked preferences (pure, no database).

Model: min-cost max-flow. Source → person (1) → workshop (cost by rank) → sink (capacity).
Costs grow faster than linearly with the rank (1st: 0, 2nd: 1, 3rd: 3, 4th: 6, ...), so the
optimum prefers giving two people their 2nd choice over giving one person a 3rd choice.
A workshop the person did not rank costs far more than any ranked one: in an optimal flow nobody
gets an unranked workshop while one of their ranked workshops still has room (otherwise moving
them would be a cheaper cycle), and nobody stays without a workshop while any has room (the flow
is maximal).

Ties are broken by a lottery order drawn from the seed: people are augmented in that order and
each takes the cheapest path found with a deterministic search, so one seed gives one result.
"""

import random
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

UNRANKED_COST = 1_000


def rank_cost(rank: int) -> int:
    """0, 1, 3, 6, 10, ... for ranks 1, 2, 3, 4, 5."""
    return (rank - 1) * rank // 2


@dataclass(frozen=True)
class Result:
    assignment: dict[int, int | None]  # person → workshop (None: no place left)
    rank_of: dict[int, int | None]  # person → rank they got (None: unranked or none)
    order: list[int]  # the lottery order used

    def counts(self) -> dict[str, int]:
        """How many got their 1st, 2nd, ... choice, an unranked workshop, or no place."""
        counts: dict[str, int] = {}
        for person, workshop in self.assignment.items():
            rank = self.rank_of[person]
            key = "unassigned" if workshop is None else str(rank) if rank else "none"
            counts[key] = counts.get(key, 0) + 1
        return counts


def assign(
    preferences: Mapping[int, Sequence[int]],
    capacities: Mapping[int, int],
    *,
    seed: int,
) -> Result:
    """Give each person at most one workshop, within capacities, as preferred as possible."""
    people = sorted(preferences, key=repr)
    random.Random(seed).shuffle(people)  # noqa: S311 - a reproducible lottery, not a secret
    workshops = sorted(capacities, key=repr)

    # node numbering: 0 source, 1 sink, then people, then workshops
    source, sink = 0, 1
    person_node = {p: 2 + i for i, p in enumerate(people)}
    workshop_node = {w: 2 + len(people) + j for j, w in enumerate(workshops)}
    size = 2 + len(people) + len(workshops)
    graph: list[list[int]] = [[] for _ in range(size)]  # node → edge ids
    to: list[int] = []
    cap: list[int] = []
    cost: list[int] = []

    def add_edge(u: int, v: int, capacity: int, weight: int) -> int:
        graph[u].append(len(to))
        to.append(v)
        cap.append(capacity)
        cost.append(weight)
        graph[v].append(len(to))
        to.append(u)
        cap.append(0)
        cost.append(-weight)
        return len(to) - 2

    person_edges: dict[int, dict[int, int]] = {}
    for person in people:
        add_edge(source, person_node[person], 1, 0)
        ranked = list(dict.fromkeys(w for w in preferences[person] if w in capacities))
        edges = {}
        for rank, workshop in enumerate(ranked, start=1):
            edges[workshop] = add_edge(
                person_node[person], workshop_node[workshop], 1, rank_cost(rank)
            )
        for workshop in workshops:
            if workshop not in edges:
                edges[workshop] = add_edge(
                    person_node[person], workshop_node[workshop], 1, UNRANKED_COST
                )
        person_edges[person] = edges
    for workshop in workshops:
        add_edge(workshop_node[workshop], sink, max(0, capacities[workshop]), 0)

    # successive shortest paths (SPFA handles the negative reverse edges); people in lottery order
    source_edge = {person: graph[source][i] for i, person in enumerate(people)}
    for person in people:
        start = person_node[person]
        if cap[source_edge[person]] == 0:
            continue
        dist: list[int | None] = [None] * size
        parent_edge = [-1] * size
        in_queue = [False] * size
        dist[start] = 0
        queue = deque([start])
        while queue:
            u = queue.popleft()
            in_queue[u] = False
            du = dist[u]
            assert du is not None
            for e in graph[u]:
                if cap[e] <= 0:
                    continue
                v = to[e]
                if v == source:
                    continue
                nd = du + cost[e]
                dv = dist[v]
                if dv is None or nd < dv:
                    dist[v] = nd
                    parent_edge[v] = e
                    if not in_queue[v]:
                        in_queue[v] = True
                        queue.append(v)
        if dist[sink] is None:
            continue  # every workshop is full for this person
        cap[source_edge[person]] -= 1
        cap[source_edge[person] ^ 1] += 1
        v = sink
        while v != start:
            e = parent_edge[v]
            cap[e] -= 1
            cap[e ^ 1] += 1
            v = to[e ^ 1]

    assignment: dict[int, int | None] = {}
    rank_of: dict[int, int | None] = {}
    for person in people:
        ranked = list(dict.fromkeys(w for w in preferences[person] if w in capacities))
        chosen = next((w for w, e in person_edges[person].items() if cap[e] == 0), None)
        assignment[person] = chosen
        rank_of[person] = ranked.index(chosen) + 1 if chosen in ranked else None
    return Result(assignment=assignment, rank_of=rank_of, order=people)
