

def test_search_examples_are_short_well_connected_names(make_kg):
    kg = make_kg(
        "source,source_type,relation,target,target_type\n"
        "Photosynthesis in green plants,process,needs,Sunlight,input\n"
        "Photosynthesis in green plants,process,needs,Water,input\n"
        "Photosynthesis in green plants,process,makes,Oxygen gas,output\n"
        "Sunlight,input,warms,Water,input\n"
    )
    assert kg.examples == ["Water", "Sunlight"]
