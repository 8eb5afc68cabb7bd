"""Package discovery for setuptools (the rest of the configuration is in pyproject.toml).

Every folder under cchc_cli/ with an __init__.py is found automatically, so a new layer or
subpackage cannot be left out of the wheel. The two data packages are not folders under
cchc_cli/: pyproject maps them onto plans/ and templates/ (package-dir), which pyproject's own
`packages.find` cannot combine with discovery; hence this file.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["cchc_cli", "cchc_cli.*"]), "cchc_cli.bundled", "cchc_cli.templates"])
