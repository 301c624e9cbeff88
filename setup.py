"""The build steps pyproject.toml cannot declare; the project's metadata is in pyproject.toml.

- the C extensions of the validator (see DEVELOPING.md, "C extensions");
- a wheel carries ``standard/`` and ``converters/`` under ``endingnote/_data/`` (``endingnote._resources``
  finds them there), so ``pip install endingnote`` works without the source tree.
"""

import shutil
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py

DATA = ("standard", "converters")


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the source tree's folders
        for name in DATA:
            if Path(name).is_dir():
                shutil.copytree(
                    name,
                    Path(self.build_lib, "endingnote", "_data", name),
                    dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
                )


setup(
    cmdclass={"build_py": BuildPyWithData},
    ext_modules=[
        Extension(
            "endingnote.validation._native",
            ["src/endingnote/validation/_native.c"],
            extra_compile_args=["-O2"],
        ),
        Extension(
            "endingnote.validation._bytescan",
            ["src/endingnote/validation/_bytescan.c"],
            extra_compile_args=["-O2"],
        ),
    ],
)
