"""The scale benchmark's synthetic dataset is valid against our schema (so the bench measures real work)."""

from bench.make_synthetic import generate
from dashboard.data.dataset import load_dataset


def test_synthetic_dataset_is_valid(tmp_path):
    generate(tmp_path, 3000)
    dataset = load_dataset(tmp_path)
    assert len(dataset.plans) == 3000 and len(dataset.targets) == 3000 and len(dataset.subsidies) == 600
    assert dataset.plans["district_code"].nunique() > 2800  # spread over (nearly) every county-level division
