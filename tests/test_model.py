def test_search_examples_are_short_well_connected_names(make_kg):
    kg = make_kg(
        "source,source_type,relation,target,target_type\n"
        "Photosynthesis in green plants,process,needs,Sunlight,input\n"
        "Photosynthesis in green plants,process,needs,Water,input\n"
        "Photosynthesis in green plants,process,makes,Oxygen gas,output\n"
        "Sunlight,input,warms,Water,input\n"
    )
    assert kg.examples == ["Water", "Sunlight"]


def test_ranked_neighbours_are_kept_for_the_most_recent_concepts_only(make_kg, monkeypatch):
    import graph.model

    monkeypatch.setattr(graph.model, "RANKED_KEPT", 2)
    kg = make_kg("source,source_type,relation,target,target_type\n" + "".join(f"Hub,c,has,L{i},c\n" for i in range(4)))
    assert kg.ranked_neighbours("Hub") == ["L0", "L1", "L2", "L3"]
    assert kg.ranked_neighbours("L0") == ["Hub"]
    assert kg.ranked_neighbours("Hub") is kg.ranked_neighbours("Hub")  # kept, not worked out again
    kg.ranked_neighbours("L1")  # Hub was used more recently than L0: L0 goes
    assert list(kg._ranked) == ["Hub", "L1"]
    assert kg.neighbour_count("L0") == 1
    assert list(kg._ranked) == ["L1", "L0"]
