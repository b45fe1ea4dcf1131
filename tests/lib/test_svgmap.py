from samverkan.lib.svgmap import centroid, distance_km, render

SQUARE = {"type": "Polygon", "coordinates": [[[18.0, 59.0], [18.2, 59.0], [18.2, 59.2], [18.0, 59.2], [18.0, 59.0]]]}


def test_it_draws_one_path_per_area_inside_the_view_box():
    drawn = render([("0126", "Huddinge", SQUARE)], width=200)
    assert drawn.width == 200 and drawn.height > 0
    assert drawn.areas[0].path.startswith("M") and drawn.areas[0].path.endswith("Z")
    for part in drawn.areas[0].path[1:-1].split("L"):
        x, y = map(float, part.split(","))
        assert 0 <= x <= drawn.width and 0 <= y <= drawn.height


def test_the_centroid_and_the_distance_between_stockholm_and_gothenburg():
    lat, lon = centroid(SQUARE)
    assert round(lat, 2) == 59.08 and round(lon, 2) == 18.08
    assert 390 < distance_km((59.33, 18.07), (57.71, 11.97)) < 400
