"""pandas in and out: the observations as a long frame, and pack data made from frames with the same checks
as files, each problem naming the frame, its row and column."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pandas as pd
import pytest

from helpers.inputs_factory import INDICATORS, PACK_YAML
from scrutinyreport import PackData, from_frames, load_inputs
from scrutinyreport.errors import InputError
from scrutinyreport.loading.text import read_text
from scrutinyreport.model import Period

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "inputs"


def read_csv(path: Path) -> pd.DataFrame:
    """A CSV as an analyst reads it with pandas (the sample has UTF-8 and Windows-1252 files)."""
    return pd.read_csv(io.StringIO(read_text(path).text))


def sample_observations() -> pd.DataFrame:
    """Every monthly file of the sample in one long frame with a period column, as a warehouse query gives."""
    months = [read_csv(path).assign(period=pd.Period(path.stem, freq="M"))
              for path in sorted((SAMPLE / "monthly").glob("*.csv"))]
    for month in months:   # the sample's headers vary in case and spacing, as files from several hands do
        month.columns = month.columns.str.strip().str.lower()
    return pd.concat(months, ignore_index=True)


@pytest.fixture(scope="module")
def from_csv() -> PackData:
    return load_inputs(SAMPLE)


def without_files(pack: PackData) -> PackData:
    return dataclasses.replace(pack, files=())


def test_frames_read_by_pandas_give_the_same_pack_data_as_the_csv_loader(from_csv):
    pack = from_frames(
        indicators=read_csv(SAMPLE / "indicators.csv"), observations=sample_observations(),
        settings=SAMPLE / "pack.yaml", benchmarks=read_csv(SAMPLE / "benchmarks.csv"),
        finance=read_csv(SAMPLE / "finance.csv"), activity=read_csv(SAMPLE / "activity.csv"),
        narrative=from_csv.narrative, self_assessment=from_csv.self_assessment,
        local_account_introduction=from_csv.local_account_introduction)
    assert without_files(pack) == without_files(from_csv)


def test_the_observations_frame_is_long_and_typed_and_goes_back_in(from_csv):
    frame = from_csv.observations_frame()
    assert list(frame.columns) == ["indicator", "period", "value", "numerator", "denominator", "commentary"]
    assert str(frame["period"].dtype) == "period[M]"
    assert frame["value"].dtype == "float64" and frame["numerator"].dtype == "float64"
    assert len(frame) == sum(len(months) for months in from_csv.observations.values())
    row = frame[(frame["indicator"] == "reablement_no_ongoing") & (frame["period"] == pd.Period("2026-09", "M"))]
    assert row[["value", "numerator", "denominator"]].values.tolist() == [[82.8, 48.0, 58.0]]
    again = from_frames(indicators=read_csv(SAMPLE / "indicators.csv"), observations=frame,
                                 settings=from_csv.settings, benchmarks=read_csv(SAMPLE / "benchmarks.csv"),
                                 finance=read_csv(SAMPLE / "finance.csv"), activity=read_csv(SAMPLE / "activity.csv"),
                                 narrative=from_csv.narrative, self_assessment=from_csv.self_assessment,
                                 local_account_introduction=from_csv.local_account_introduction)
    assert without_files(again) == without_files(from_csv)


def small_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    indicators = pd.read_csv(io.StringIO(INDICATORS))
    observations = pd.DataFrame({
        "indicator": ["reablement", "direct_payments", "reablement", "direct_payments"],
        "period": pd.PeriodIndex(["2025-06", "2025-06", "2025-07", "2025-07"], freq="M"),
        "value": [79.0, 26.0, 80.5, 27.0]})
    return indicators, observations


def test_a_small_pack_from_frames_with_settings_from_pack_yaml(tmp_path):
    (tmp_path / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    indicators, observations = small_frames()
    pack = from_frames(indicators=indicators, observations=observations, settings=tmp_path / "pack.yaml")
    assert pack.period == Period(2025, 7) and pack.periods == (Period(2025, 6), Period(2025, 7))
    assert pack.value("reablement", Period(2025, 7)) == 80.5
    assert pack.value("concerns", Period(2025, 7)) is None
    assert pack.files == ()


def test_bad_values_are_named_by_frame_row_and_column(tmp_path):
    (tmp_path / "pack.yaml").write_text(PACK_YAML, encoding="utf-8")
    indicators, observations = small_frames()
    indicators.loc[2, "unit"] = "percentage"
    observations = observations.set_index(pd.Index([10, 11, 12, 13]))
    observations = observations.astype({"value": object, "period": object})
    observations.loc[12, "value"] = "lots"
    observations.loc[13, "indicator"] = "direct_payment"
    observations.loc[11, "period"] = "June"
    with pytest.raises(InputError) as failure:
        from_frames(indicators=indicators, observations=observations, settings=tmp_path / "pack.yaml")
    errors = [str(p) for p in failure.value.problems.errors]
    assert "error: indicators frame, row 2, column 'unit': found 'percentage': expected one of: percent" in errors[0]
    assert "error: observations frame, row 11, column 'period': found 'June': expected a month" in errors[1]
    assert "error: observations frame, row 12, column 'value': found 'lots': expected a number" in errors[2]
    assert ("error: observations frame, row 13, column 'indicator_id': found 'direct_payment': unknown indicator id"
            in errors[3]) and "did you mean 'direct_payments'?" in errors[3]
    assert len(errors) == 4, errors


def test_a_missing_column_and_a_frame_that_is_not_one_are_named():
    indicators, observations = small_frames()
    with pytest.raises(InputError) as failure:
        from_frames(indicators=indicators.drop(columns=["unit"]), observations=observations.values,
                             settings=load_inputs(SAMPLE).settings)
    report = failure.value.problems.report()
    assert "indicators frame, line 1: missing required column(s): unit" in report
    assert "observations frame: expected a pandas DataFrame, found ndarray" in report


def test_an_empty_frame_is_an_error_and_an_empty_optional_one_a_warning(tmp_path):
    indicators, observations = small_frames()
    settings = tmp_path / "pack.yaml"
    settings.write_text(PACK_YAML, encoding="utf-8")
    with pytest.raises(InputError) as failure:
        from_frames(indicators=indicators, observations=observations.iloc[0:0], settings=settings,
                             finance=pd.DataFrame(columns=["year", "category", "amount"]))
    assert [str(p) for p in failure.value.problems.errors] == ["error: observations frame: has no rows"]
    assert "warning: finance frame: has no rows; that part of the pack is left out" in failure.value.problems.report()
