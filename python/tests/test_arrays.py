"""numpy arrays cross into the library without copies where the layout allows (Fortran-ordered
float64: Eigen's column-major), results do not depend on the layout, and the GIL is released
while the library computes."""

import threading

import numpy as np
import pandas as pd
import pytest

import chiso
from chiso import _chiso


@pytest.fixture(scope="module")
def fw():
    return chiso.preset("dti-province-922")


@pytest.fixture(scope="module")
def values(fw):
    return np.asfortranarray(fw.sample_data()[fw.columns].to_numpy())


def test_fortran_float64_is_not_copied(values):
    assert values.flags.f_contiguous and values.dtype == np.float64
    assert _chiso._borrowed_address(values) == values.ctypes.data


def test_fortran_column_slice_is_not_copied(values):
    # Columns 2..5 of a Fortran array: same memory, offset by two columns (outer stride kept).
    part = values[:, 2:6]
    assert not part.flags.owndata
    assert _chiso._borrowed_address(part) == values.ctypes.data + 2 * values.shape[0] * 8


def test_c_order_and_other_dtypes_are_copied(values):
    # The check above can fail: a C-ordered array (or float32) goes through a temporary copy.
    c = np.ascontiguousarray(values)
    assert _chiso._borrowed_address(c) != c.ctypes.data
    f32 = np.asfortranarray(values.astype(np.float32))
    assert _chiso._borrowed_address(f32) != f32.ctypes.data


def test_evaluate_reads_the_caller_memory(fw, values):
    plan = fw.compile()
    r = plan.evaluate(values)
    assert r._values_address == values.ctypes.data
    c = np.ascontiguousarray(values)
    r2 = plan.evaluate(c)
    assert r2._values_address != c.ctypes.data
    assert np.array_equal(r.scores, r2.scores, equal_nan=True)


def test_dataframe_with_one_float_block_is_not_copied(fw, values):
    # A frame built on a Fortran array keeps it as its block; score reads it in place.
    df = pd.DataFrame(values, columns=fw.columns, copy=False)
    arr = df.to_numpy(dtype=np.float64)
    if not np.shares_memory(arr, values):
        pytest.skip("this pandas version copies DataFrame.to_numpy()")
    assert _chiso._borrowed_address(arr) == values.ctypes.data


def test_result_reused_in_a_loop(fw, values):
    plan = fw.compile()
    out = chiso.Evaluation()
    first = plan.evaluate(values, out=out)
    assert first is out
    root = plan.root
    before = np.array(out.scores[:, root])
    shifted = np.asfortranarray(values * 0.5)
    plan.evaluate(shifted, out=out)
    # The DTI root is a weighted mean of identity-scored shares: halving every input halves it.
    assert np.allclose(out.scores[:, root], before * 0.5, rtol=1e-15, atol=0)


def test_gil_released_during_evaluation(fw, values):
    plan = fw.compile()
    r = plan.evaluate(values)
    assert r._gil_released is True


def test_scoring_from_threads(fw, values):
    # Several threads score at once; each gets the single-threaded answer.
    big = np.asfortranarray(np.tile(values, (200, 1)))
    expected = chiso.score(fw, big, warn=False).all_scores.to_numpy()
    results = [None] * 4
    errors = []

    def work(k):
        try:
            results[k] = chiso.score(fw, big, warn=False).all_scores.to_numpy()
        except Exception as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for res in results:
        assert np.array_equal(res, expected, equal_nan=True)


def test_integer_arrays_are_accepted():
    fw = chiso.Framework.from_dict({"id": "ints", "indicators": [{"id": "a"}, {"id": "b"}],
                                    "nodes": [{"id": "i", "children": ["a", "b"]}]})
    ints = np.array([[2, 5], [4, 3], [10, 9]], dtype=np.int64)
    r = chiso.score(fw, ints)
    # min-max to [0, 1]: a -> 0, 0.25, 1; b -> 1/3, 0, 1; index = mean
    assert list(r.scores["i"]) == pytest.approx([1 / 6, 0.125, 1.0], rel=1e-15)
    r2 = chiso.score(fw, np.asfortranarray(ints.astype(np.float64)))
    assert np.array_equal(r.all_scores.to_numpy(), r2.all_scores.to_numpy())
