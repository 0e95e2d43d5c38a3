"""Where the bundled data folders live: inside the installed package.

`checklists/` and `clause_library/` sit at the top of the repository so legal and
governance teams find and edit them; the wheel carries them as `signoff/_data/...`
(hatch force-include). An editable install maps the same names to the repository
folders (see `_data/` below), so both read through importlib.resources.
"""

from importlib.resources import as_file, files
from pathlib import Path


def data_dir(name: str) -> Path:
    """Path of a bundled data folder: 'checklists' or 'clause_library'."""
    with as_file(files("signoff") / "_data" / name) as p:
        return Path(p)
