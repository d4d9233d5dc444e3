"""The page benchmark's own helpers: percentiles and the list pages it finds."""

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench_pages.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_pages", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "values, p, expected",
    [([5.0], 50, 5.0), ([1, 2, 3, 4], 50, 2), ([1, 2, 3, 4], 95, 4),
     (list(range(1, 101)), 95, 95), ([3, 1, 2], 100, 3)],
)  # fmt: skip
def test_percentile_is_nearest_rank(bench, values, p, expected):
    assert bench.percentile(values, p) == expected


def test_every_list_page_of_the_firm_is_found(bench):
    names = bench.list_page_names()
    assert {"clients:client_list", "enforcement:complaint_list", "enforcement:listing_list",
            "enforcement:counternotice_list"} <= set(names)  # fmt: skip
    assert all(name.split(":")[0] in ("clients", "enforcement") for name in names)
    assert bench.view_model("enforcement:listing_list").__name__ == "Listing"


def test_the_server_url_points_at_the_maintenance_database(bench):
    url = bench.server_url({"DATABASE_URL": "postgres://u@db:5432/enforcedesk"})
    assert url == "postgres://u@db:5432/postgres"
    assert bench.server_url({}) == bench.DEFAULT_SERVER
