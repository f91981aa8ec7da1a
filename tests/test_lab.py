"""JupyterLab opens every committed notebook: a real Jupyter server, asked through its contents API.

`make lab` serves notebooks/ with Jupytext's contents manager, which refuses (HTTP 400) a paired
notebook whose .ipynb is newer than its script with different inputs, as a papermill run in place
used to leave it. The server here runs on a loopback port with the project's own configuration.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from analysis import config

NOTEBOOKS = sorted((config.PROJECT_DIR / "notebooks").glob("[0-9]*.ipynb"))
TOKEN = "test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    for notebook in NOTEBOOKS:  # copy2 keeps the modification times the checkout has
        shutil.copy2(notebook, root / notebook.name)
        shutil.copy2(notebook.with_suffix(".py"), root / notebook.with_suffix(".py").name)
    port = _free_port()
    command = [sys.executable, "-m", "jupyter_server", f"--ServerApp.root_dir={root}", "--no-browser",
               f"--ServerApp.port={port}", "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
               "--ServerApp.port_retries=0", "--allow-root"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=root,
                               env={**os.environ, "JUPYTER_CONFIG_DIR": str(root / ".jupyter")})
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2)
            break
        except (urllib.error.URLError, ConnectionError, OSError):
            if process.poll() is not None:
                pytest.fail(f"jupyter server exited: {process.stderr.read().decode()[-2000:]}")
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("jupyter server did not start in 120 s")
    yield base, root
    process.terminate()
    process.wait(timeout=30)


def _get(base: str, name: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"{base}/api/contents/{name}?content=1&token={TOKEN}", timeout=60) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as error:
        return error.code, {"message": error.read().decode(errors="replace")}


@pytest.mark.slow
@pytest.mark.parametrize("notebook", [n.name for n in NOTEBOOKS])
def test_every_committed_notebook_opens(server, notebook):
    base, _ = server
    status, model = _get(base, notebook)
    assert status == 200, model.get("message")
    assert model["type"] == "notebook" and model["content"]["cells"]


@pytest.mark.slow
def test_a_notebook_newer_than_its_script_is_refused_and_touching_the_script_mends_it(server):
    """The failure the server reports, and the mend `make notebooks` applies (touch the scripts)."""
    base, root = server
    source = root / NOTEBOOKS[0].name
    notebook = json.loads(source.read_text())
    code = next(c for c in notebook["cells"] if c["cell_type"] == "code")
    code["source"] = "# changed by a run in place\n" + "".join(code["source"])
    broken = root / "broken.ipynb"
    broken.write_text(json.dumps(notebook))
    shutil.copy2(source.with_suffix(".py"), root / "broken.py")
    past = time.time() - 3600
    os.utime(root / "broken.py", (past, past))
    status, _ = _get(base, "broken.ipynb")
    assert status == 400
    (root / "broken.py").touch()
    status, _ = _get(base, "broken.ipynb")
    assert status == 200
