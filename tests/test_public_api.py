"""The public surface: what ``import xingfeng`` promises, and the error hierarchy."""

from __future__ import annotations

import inspect
from importlib import resources

import xingfeng
from xingfeng import exceptions


def test_all_is_sorted_and_complete() -> None:
    """``__all__`` is sorted (constants first, as ruff sorts) and every name in it exists."""
    assert xingfeng.__all__ == sorted(xingfeng.__all__, key=lambda n: (not n.isupper(), n))
    for name in xingfeng.__all__:
        assert hasattr(xingfeng, name), name


def test_every_public_error_is_importable_from_the_package() -> None:
    """Each error class in xingfeng.exceptions is re-exported at the top level."""
    errors = {
        obj
        for _, obj in inspect.getmembers(exceptions, inspect.isclass)
        if issubclass(obj, BaseException) and obj.__module__ == exceptions.__name__
    }
    exported = {getattr(xingfeng, name) for name in xingfeng.__all__}
    assert errors <= exported


def test_every_error_derives_from_xingfeng_error_and_a_builtin() -> None:
    """One except clause catches them all, and each also fits a builtin category."""
    for name in exceptions.__all__:
        error = getattr(exceptions, name)
        if not (isinstance(error, type) and issubclass(error, BaseException)):
            continue
        assert issubclass(error, xingfeng.XingfengError), name
        if error is not xingfeng.XingfengError:
            # A conflict between writers is no bad value: it is a RuntimeError.
            assert issubclass(error, ValueError | LookupError | ImportError | RuntimeError), name


def test_invalid_definition_lists_every_defect_in_its_message() -> None:
    """The message of InvalidDefinition names each defect, one per line."""
    error = xingfeng.InvalidDefinition("方案", ["第一处问题", "第二处问题"])
    assert len(error.defects) == 2
    assert "第一处问题" in str(error)
    assert "第二处问题" in str(error)
    assert "（2 处）" in str(error)


def test_invalid_argument_names_the_value_and_what_is_accepted() -> None:
    """InvalidArgument carries the parameter, the value and the accepted form."""
    error = xingfeng.InvalidArgument("n", 1.5, "整数", english="an int")
    assert (error.name, error.value, error.expected) == ("n", 1.5, "整数")
    assert str(error) == "[invalid-argument] n=1.5 不被接受：应为整数"
    assert error.english == "n=1.5 is not accepted: expected an int"


def test_the_package_is_typed() -> None:
    """``py.typed`` ships with the package, so type checkers read its annotations."""
    assert resources.files("xingfeng").joinpath("py.typed").is_file()
