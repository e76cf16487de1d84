"""Run every Python block in README.md and docs/**/*.md, and every docstring example in src/.

pytest's ``testpaths`` limits collection to the repository's own folders, so ``*.md`` never
reaches into ``.venv``.
"""

from sybil import Sybil
from sybil.parsers.myst import DocTestDirectiveParser, PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser

markdown = Sybil(
    parsers=[PythonCodeBlockParser(), DocTestDirectiveParser(), SkipParser()],
    patterns=["*.md"],
)
docstrings = Sybil(parsers=[DocTestParser()], patterns=["*.py"], path="src")

pytest_collect_file = (markdown + docstrings).pytest()
