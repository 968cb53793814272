"""The zh_CN catalogue covers every marked string, and the UI code holds no hard-coded Chinese."""

from __future__ import annotations

import ast
import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE_TOOL = ROOT / "resources" / "translations" / "update_catalogue.py"


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("update_catalogue", CATALOGUE_TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_marked_string_has_a_chinese_translation(tmp_path: Path) -> None:
    tool = _tool()
    fresh = tmp_path / "check.ts"
    shutil.copy(tool.TS_FILE, fresh)
    tool.extract(fresh)  # what the code marks today, merged with the committed translations
    missing = tool.unfinished(fresh)
    assert not missing, "untranslated zh_CN strings (run resources/translations/update_catalogue.py):\n" + "\n".join(
        f"{context}: {source}" for context, source in missing
    )


def _cjk(text: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" for char in text)


def _docstring_nodes(tree: ast.AST) -> set[int]:
    """Strings standing alone as statements: module, class, function and attribute docstrings."""
    return {
        id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


@pytest.mark.parametrize("path", sorted((ROOT / "ui").rglob("*.py")), ids=lambda p: p.name)
def test_ui_code_has_no_hard_coded_chinese(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstring_nodes(tree)
    offenders = [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and _cjk(node.value)
    ]
    assert not offenders, "Chinese UI text belongs in the .ts catalogue, not in code:\n" + "\n".join(offenders)
